// Facts the config, the runner and the specs share: where the system Chromium is and who signs in.
export const CHROMIUM = '/usr/bin/chromium';
export const OWNER = { email: 'owner@weft.test', password: 'correct-horse-battery-staple' };
