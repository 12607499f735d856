import { useEffect, type Ref } from 'react';

/**
 * The page's one h1. It names the document ("<Page> – frontdesk") and can take focus: the layout
 * moves focus here after every navigation so screen readers start at the new page.
 */
export function PageHeading({ children, ref }: { children: string; ref?: Ref<HTMLHeadingElement> }) {
  useEffect(() => {
    document.title = `${children} – frontdesk`;
  }, [children]);
  return (
    <h1 ref={ref} className="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
