// A form's refusal, said once in one way: the server's (or the check's) message, announced to screen readers.
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
