/** Props of {@link FieldError}. */
export interface FieldErrorProps {
  /** The id the field points at with `aria-describedby`. */
  id: string;
  message: string | undefined;
}

/**
 * What is wrong with one field, said beside it and read out when it appears. The field carries
 * `aria-invalid` and `aria-describedby={id}` (see {@link invalidProps}).
 */
export function FieldError({ id, message }: FieldErrorProps) {
  if (!message) return null;
  return (
    <p id={id} class="field-error" role="alert">
      {message}
    </p>
  );
}

/** The attributes that tie a field to its {@link FieldError}. */
export function invalidProps(id: string, message: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return message ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
