import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A screen: its heading, actions beside it, then content. Focus moves to the
 * heading when the screen opens, so keyboard and screen reader users start at
 * the top of the new screen instead of on a link that no longer exists.
 */
export function Page({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="page" id="main">
      <header className="page__header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </header>
      {children}
    </main>
  );
}

/** A titled section; the title names it, so screen reader users can jump between cards as regions. */
export function Card({
  title,
  actions,
  children,
  className,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const headingId = useId();
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-labelledby={title ? headingId : undefined}>
      {title || actions ? (
        <header className="card__header">
          {title ? <h2 id={headingId}>{title}</h2> : null}
          {actions ? <div className="card__actions">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}

/** Fields side by side on wide screens, stacked on phones. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="field-row">{children}</div>;
}

/**
 * A table that may scroll sideways on a phone. It takes keyboard focus so the
 * arrow keys can scroll it, which is how keyboard users reach its right side.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}
