import { Fragment, type ReactNode } from 'react';

/**
 * A `{name}` template whose placeholders are elements (a link, a bold name): the sentence stays
 * whole in the catalogue and each language puts the element where its grammar wants it.
 */
export function rich(template: string, slots: Record<string, ReactNode>): ReactNode {
  return template.split(/(\{\w+\})/).map((part, index) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return <Fragment key={index}>{name !== undefined && name in slots ? slots[name] : part}</Fragment>;
  });
}
