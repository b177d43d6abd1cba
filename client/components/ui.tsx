// Presentational building blocks on NL Design System (Utrecht) CSS components.
import {
  useId,
  useState,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

type ButtonKind = 'primary' | 'secondary' | 'subtle';
export function Button({
  kind = 'secondary',
  busy,
  children,
  className = '',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; busy?: boolean }) {
  const cls = { primary: 'utrecht-button--primary-action', secondary: 'utrecht-button--secondary-action', subtle: 'utrecht-button--subtle' }[kind];
  return (
    <button type="button" className={`utrecht-button ${cls} ${className}`} aria-busy={busy || undefined} disabled={rest.disabled || busy} {...rest}>
      {children}
    </button>
  );
}

export function Heading({ level, children, id, className = '' }: { level: 1 | 2 | 3 | 4; children: ReactNode; id?: string; className?: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={`utrecht-heading-${level} ${className}`}>
      {children}
    </Tag>
  );
}

export function Alert({ type = 'info', children, title }: { type?: 'info' | 'ok' | 'warning' | 'error'; children: ReactNode; title?: string }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type} ct-alert`} role={type === 'error' || type === 'warning' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content">
        {title && <strong className="ct-alert__title">{title}</strong>}
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** Worth trying again: no connection, or the server failed. A refusal (401/403/404) or invalid input is not. */
export function isTransient(error: { message: string; status?: number }): boolean {
  return error.status === undefined || error.status === 0 || error.status === 429 || error.status >= 500;
}

export function Loading({ label = 'Bezig met laden…' }: { label?: string }) {
  return (
    <p className="ct-loading" role="status" aria-live="polite">
      <span className="ct-spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="ct-empty">
      <p className="utrecht-paragraph ct-empty__title">{title}</p>
      {children}
    </div>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'info' | 'ok' | 'warning' | 'danger'; children: ReactNode }) {
  return <span className={`utrecht-status-badge ct-badge ct-badge--${tone}`}>{children}</span>;
}

interface FieldProps {
  label: string;
  description?: string;
  error?: string | null;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}
export function Field({ label, description, error, children }: FieldProps) {
  const id = useId();
  const descId = description ? id + '-desc' : undefined;
  const errId = error ? id + '-err' : undefined;
  const describedBy = [descId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`utrecht-form-field ${error ? 'utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description && (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descId}>
          {description}
        </div>
      )}
      {error && (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={errId}>
          {error}
        </div>
      )}
      <div className="utrecht-form-field__input">{children({ id, describedBy, invalid: !!error })}</div>
    </div>
  );
}

export function TextInput({
  label,
  description,
  error,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; description?: string; error?: string | null }) {
  return (
    <Field label={label} description={description} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={`utrecht-textbox utrecht-textbox--html-input ${invalid ? 'utrecht-textbox--invalid' : ''}`}
          {...rest}
        />
      )}
    </Field>
  );
}

export function TextArea({
  label,
  description,
  error,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; description?: string; error?: string | null }) {
  return (
    <Field label={label} description={description} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className="utrecht-textarea utrecht-textarea--html-textarea"
          rows={3}
          {...rest}
        />
      )}
    </Field>
  );
}

export function Select({
  label,
  description,
  error,
  options,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; description?: string; error?: string | null; options: { value: string; label: string }[] }) {
  return (
    <Field label={label} description={description} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} className="utrecht-select utrecht-select--html-select" {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A button that opens a form in place: the form gets `done` (close, then `onChange` so the page re-reads)
 * and `cancel` (close). Shown only when `allowed`.
 */
export function OpenForm({
  label,
  allowed,
  onChange,
  children,
}: {
  label: string;
  allowed: boolean;
  onChange: () => void;
  children: (done: () => void, cancel: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (open) {
    return children(
      () => {
        setOpen(false);
        onChange();
      },
      () => setOpen(false),
    );
  }
  return allowed ? <Button onClick={() => setOpen(true)}>{label}</Button> : null;
}

/** A warning that is read out at once (aria-live assertive) and that the user closes. */
export function LiveNotice({ notice, onClose, testId }: { notice: string | null; onClose: () => void; testId?: string }) {
  return (
    <div aria-live="assertive" data-testid={testId}>
      {notice && (
        <Alert type="warning">
          {notice}{' '}
          <Button kind="subtle" onClick={onClose}>
            Sluiten
          </Button>
        </Alert>
      )}
    </div>
  );
}

/** A form's buttons: submit (busy while it runs) and cancel. */
export function FormActions({ submit, busy, onCancel }: { submit: string; busy?: boolean; onCancel: () => void }) {
  return (
    <div className="ct-actions">
      <Button kind="primary" type="submit" busy={busy}>
        {submit}
      </Button>
      <Button kind="subtle" onClick={onCancel}>
        Annuleren
      </Button>
    </div>
  );
}
