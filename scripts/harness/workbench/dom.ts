// The few DOM shapes that code run in the page (evaluate callbacks) relies on. The project
// compiles without the DOM library, so these stand in for Element and friends; types only.

/** An element as evaluate callbacks use it. */
export interface DomElement {
  readonly id: string;
  readonly textContent: string | null;
  readonly innerText: string;
  readonly classList: { contains(name: string): boolean } & Iterable<string>;
  readonly style: { readonly top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement> & ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
}

/** An <input> element. */
export interface DomInput extends DomElement {
  readonly value: string;
  readonly placeholder: string;
}
