import { LitElement } from "lit";

/**
 * The base of every dashboard element: it renders into itself (light DOM) instead of a shadow root, so the
 * one stylesheet (app.css) styles everything, forms see their inputs, and tests and assistive technology
 * find elements with plain selectors.
 */
export class LkElement extends LitElement {
    createRenderRoot() {
        return this;
    }
}
