// Scenario (issue 18): an owner invites a user as an editor; the invitee opens the single-use link in another
// browser, sets a password and lands signed in. The owner makes them a viewer, then deactivates them: the
// invitee's next action sends them back to the sign-in page. The audit log shows each of these changes, with
// the role change read as "editor → viewer".
import { apiCall, login, OWNER, screenshot } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('an invited user joins, is demoted and deactivated, and the audit log shows it', async ({ page, browser }) => {
  const email = `invitee-${Date.now().toString(36)}@weft.test`;
  await login(page);
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Invite user' }).click();
  const dialog = page.getByTestId('invite-dialog');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Role').selectOption('editor');
  await dialog.getByRole('button', { name: 'Create invite link' }).click();
  const link = await dialog.getByTestId('invite-link').inputValue();
  expect(link).toMatch(new RegExp(`^${new URL(page.url()).origin}/invite/.+`));
  await screenshot(page, 'team-1-invite-link');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId(`invite-row-${email}`)).toBeVisible();

  // The invitee, in a browser of their own.
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: 'Join Weft' })).toBeVisible();
  await expect(invitee.getByText(email)).toBeVisible();
  await invitee.getByLabel('New password', { exact: true }).fill('a long enough password');
  await invitee.getByLabel('Repeat the new password').fill('a long enough password');
  await screenshot(invitee, 'team-2-invitee-sets-password');
  await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(invitee.getByRole('heading', { name: 'Flows', exact: true })).toBeVisible();
  await expect(invitee.getByRole('banner').getByText(email)).toBeVisible();
  // Their own profile: they change the password they just set.
  await invitee.getByRole('link', { name: email }).click();
  await expect(invitee.getByTestId('profile-who')).toHaveText(`${email} · editor`);
  await invitee.getByLabel('Current password').fill('a long enough password');
  await invitee.getByLabel('New password', { exact: true }).fill('another long password');
  await invitee.getByLabel('Repeat the new password').fill('another long password');
  await invitee.getByRole('button', { name: 'Change password' }).click();
  await expect(invitee.getByText('Your password is changed.')).toBeVisible();
  // A used link cannot be used again.
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByTestId('link-refused')).toContainText('already used');
  await again.close();

  // The owner sees the new user, makes them a viewer, then deactivates them.
  await page.reload();
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId(`invite-row-${email}`)).toHaveCount(0);
  await row.getByLabel(`Role of ${email}`).selectOption('viewer');
  await expect(page.getByRole('status').filter({ hasText: 'role is now viewer' })).toBeVisible();
  await row.getByRole('button', { name: 'Deactivate' }).click();
  await expect(row.getByRole('button', { name: 'Reactivate' })).toBeVisible();
  await expect(row.locator('[data-status="deactivated"]')).toBeVisible();
  // The last owner's own row cannot be demoted, deactivated or deleted.
  const own = page.getByTestId(`user-row-${OWNER.email}`);
  await expect(own.getByRole('button', { name: 'Deactivate' })).toBeDisabled();
  await expect(own.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await screenshot(page, 'team-3-users');

  // The invitee's next action fails: their session was revoked.
  await invitee.getByRole('link', { name: 'Runs', exact: true }).click();
  await expect(invitee.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await screenshot(invitee, 'team-4-invitee-signed-out');
  await context.close();

  // The audit log shows who did what.
  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByTestId('filter-action').selectOption('user.');
  const entry = (action: string) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first();
  for (const action of ['user.invite', 'user.invite_accept', 'user.role_change', 'user.deactivate'])
    await expect(entry(action)).toBeVisible();
  await expect(page.getByTestId('audit-row').first()).toHaveAttribute('data-action', 'user.deactivate');
  await entry('user.role_change').click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail).toContainText(OWNER.email);
  await expect(detail).toContainText(email);
  await expect(detail.getByTestId('changes-fields')).toContainText('role');
  await expect(detail.getByTestId('changes-fields')).toContainText('editor → viewer');
  await expect(detail.getByTestId('audit-request-id')).not.toHaveText('—');
  await screenshot(page, 'team-5-audit-log');

  // A flow's change reads as a diff: the step added, the connection drawn, the field changed.
  const flow = (steps: { id: string; use: string; config: object }[]) => ({
    schema: 'weft.flow/v1',
    name: 'E2E audited flow',
    trigger: { id: 'trigger', connector: 'webhook@1', trigger: 'event' },
    steps,
    edges: steps.map((step, i) => ({ from: i ? steps[i - 1]!.id : 'trigger', to: step.id })),
  });
  const first = { id: 'shape', use: 'transform.code', config: { code: 'return 1;' } };
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/flows', { definition: flow([first]) });
  const second = { id: 'notify', use: 'transform.code', config: { code: 'return 2;' } };
  const saved = await apiCall(page, 'PUT', `/api/flows/${created.body.id}`, {
    definition: flow([{ ...first, config: { code: 'return 3;' } }, second]),
  });
  expect(saved.status).toBe(200);
  await page.getByTestId('filter-action').selectOption('flow.update');
  await page.locator('[data-testid="audit-row"][data-action="flow.update"]').first().click();
  await expect(detail.getByTestId('changes-steps')).toContainText('notify');
  await expect(detail.getByTestId('changes-connections')).toContainText('shape → notify');
  await expect(detail.getByTestId('changes-fields')).toContainText('shape: config.code');
  await expect(detail.getByTestId('changes-fields')).toContainText('return 1; → return 3;');
  await screenshot(page, 'team-6-audit-flow-diff');
  // What the invitee did, by actor: their joining, not the owner's changes to them.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('filter-actor').fill(email);
  await page.getByTestId('filter-actor').press('Enter');
  await expect(page).toHaveURL(/actor=/);
  await expect(entry('user.invite_accept')).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"][data-action="user.role_change"]')).toHaveCount(0);

  // The owner's own API tokens: the secret is shown once, then the token can be deleted.
  await page.getByRole('link', { name: OWNER.email }).click();
  await page.getByRole('button', { name: 'Create token' }).click();
  const tokenDialog = page.getByTestId('token-dialog');
  await tokenDialog.getByLabel('Token name').fill('E2E team token');
  await tokenDialog.getByLabel('Token role').selectOption('viewer');
  await tokenDialog.getByRole('button', { name: 'Create token' }).click();
  await expect(tokenDialog.getByTestId('token-secret')).toHaveValue(/.{20,}/);
  await tokenDialog.getByRole('button', { name: 'Done' }).click();
  const tokenRow = page.getByTestId('tokens-table').getByRole('row', { name: /E2E team token/ });
  await expect(tokenRow).toContainText('viewer');
  await tokenRow.getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete token' }).click();
  await expect(tokenRow).toHaveCount(0);
});

test('an owner makes a password reset link; the user sets a new password with it and signs in', async ({
  page,
  browser,
}) => {
  const email = `reset-${Date.now().toString(36)}@weft.test`;
  await login(page);
  const created = await apiCall(page, 'POST', '/api/users', { email, password: 'the forgotten one', role: 'viewer' });
  expect(created.status).toBe(201);
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByTestId(`user-row-${email}`).getByRole('button', { name: 'Reset password' }).click();
  const link = await page.getByTestId('reset-dialog').getByTestId('reset-link').inputValue();
  expect(link).toMatch(/\/reset\/.+/);
  await screenshot(page, 'team-7-reset-link');
  await page.getByTestId('reset-dialog').getByRole('button', { name: 'Done' }).click();

  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto(link);
  await expect(user.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await expect(user.getByText(email)).toBeVisible();
  await user.getByLabel('New password', { exact: true }).fill('a brand new password');
  await user.getByLabel('Repeat the new password').fill('a brand new passwort');
  await user.getByRole('button', { name: 'Set password' }).click();
  await expect(user.getByRole('alert')).toHaveText('The two passwords differ.');
  await user.getByLabel('Repeat the new password').fill('a brand new password');
  await user.getByRole('button', { name: 'Set password' }).click();
  await expect(user.getByText('Your password is set.')).toBeVisible();
  await user.getByRole('link', { name: 'Go to sign in' }).click();
  await user.getByLabel('Email').fill(email);
  await user.getByLabel('Password').fill('a brand new password');
  await user.getByRole('button', { name: 'Sign in' }).click();
  await expect(user.getByRole('heading', { name: 'Flows', exact: true })).toBeVisible();
  // A viewer sees neither the Users page nor the audit log in the navigation.
  await expect(user.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
  await expect(user.getByRole('link', { name: 'Audit log', exact: true })).toHaveCount(0);
  await context.close();
});

test('a stale page cannot demote the last owner (the server says why on the row); deleting asks first; invites are revoked', async ({
  page,
}) => {
  const other = `second-owner-${Date.now().toString(36)}@weft.test`;
  await login(page);
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/users', {
    email: other,
    password: 'another owner password',
    role: 'owner',
  });
  expect(created.status).toBe(201);
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  const own = page.getByTestId(`user-row-${OWNER.email}`);
  // With two owners, the page lets this one step down...
  await expect(own.getByRole('button', { name: 'Deactivate' })).toBeEnabled();
  // ...but the other owner is deactivated meanwhile, behind this page's back.
  expect((await apiCall(page, 'POST', `/api/users/${created.body.id}/deactivate`)).status).toBe(200);
  await own.getByLabel(`Role of ${OWNER.email}`).selectOption('editor');
  await expect(own.getByTestId('user-refusal')).toContainText(/owner/i);
  await expect(own.getByLabel(`Role of ${OWNER.email}`)).toHaveValue('owner');
  await screenshot(page, 'team-8-last-owner-refused');
  // The fresh page now disables what the last owner cannot do, and says why.
  await expect(own.getByRole('button', { name: 'Deactivate' })).toBeDisabled();
  await expect(own.getByRole('button', { name: 'Delete' })).toHaveAttribute('title', /last owner cannot be deleted/);
  // Deleting the deactivated owner asks first; their flows and connections stay.
  const otherRow = page.getByTestId(`user-row-${other}`);
  await otherRow.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('stay with the workspace');
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete user' }).click();
  await expect(otherRow).toHaveCount(0);

  // A pending invite can be revoked; its link then says so.
  const invited = await apiCall<{ url: string }>(page, 'POST', '/api/users/invites', {
    email: `revoked-${other}`,
    role: 'viewer',
  });
  expect(invited.status).toBe(201);
  await page.reload();
  const inviteRow = page.getByTestId(`invite-row-revoked-${other}`);
  await inviteRow.getByRole('button', { name: 'Revoke' }).click();
  await expect(inviteRow).toHaveCount(0);
  await page.goto(invited.body.url);
  await expect(page.getByTestId('link-refused')).toContainText('revoked');
});
