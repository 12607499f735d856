import type { ReactNode } from 'react';

interface AlertProps {
  /** `error` interrupts (role="alert"); `info` waits its turn (role="status"). */
  tone?: 'error' | 'info';
  title?: string;
  children: ReactNode;
}

export function Alert({ tone = 'error', title, children }: AlertProps) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`alert alert-${tone}`}>
      {title ? <p className="alert-title">{title}</p> : null}
      <div className="alert-body">{children}</div>
    </div>
  );
}
