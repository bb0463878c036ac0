// A password reset link an owner made for a user: shown once, with its expiry, to be sent to that user.
import type { PasswordResetLink } from '../../api/team-types.js';
import { absoluteLink, expiryText } from '../../model/team.js';
import { Button } from '../../ui/button.js';
import { CopyField } from '../../ui/copy-field.js';
import { Dialog } from '../../ui/dialog.js';

export function ResetLinkDialog({
  link,
  email,
  onClose,
}: {
  link: PasswordResetLink | undefined;
  email: string;
  onClose: () => void;
}) {
  return (
    <Dialog open={link !== undefined} title="Password reset link" onClose={onClose} testId="reset-dialog">
      {link ? (
        <>
          <div className="dialog-body">
            Send this link to {email}: it sets a new password once and {expiryText(link.expiresAt, Date.now())}. It will
            not be shown again.
          </div>
          <CopyField label="Reset link" value={absoluteLink(link.url, window.location.origin)} testId="reset-link" />
          <div className="dialog-actions">
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
