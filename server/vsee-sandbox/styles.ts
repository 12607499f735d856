/** The portal's one stylesheet, served as a file so the pages need no inline styles. */
export const STYLESHEET = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; color: #1b1b1b; background: #ffffff; line-height: 1.5; }
header { background: #0b3d66; color: #ffffff; padding: 0.75rem 1.25rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; }
header a { color: #ffffff; }
.brand { margin: 0; font-weight: 700; }
.tag { font-weight: 400; font-size: 0.875rem; border: 1px solid #ffffff; border-radius: 0.25rem; padding: 0 0.375rem; margin-left: 0.5rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1.25rem; }
footer { max-width: 60rem; margin: 2rem auto 0; padding: 1rem 1.25rem; color: #4a4a4a; border-top: 1px solid #c8c8c8; font-size: 0.875rem; }
a { color: #0b4f8a; }
form.stack { display: flex; flex-direction: column; align-items: flex-start; gap: 0.5rem; max-width: 24rem; }
label { font-weight: 700; }
input[type="text"] { font: inherit; color: #1b1b1b; background: #ffffff; border: 1px solid #595959; border-radius: 0.25rem; padding: 0.375rem 0.5rem; width: 100%; box-sizing: border-box; }
input[aria-invalid="true"] { border: 2px solid #a4262c; }
.field-error { margin: 0; color: #a4262c; font-weight: 700; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
h1 { font-size: 1.75rem; margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #c8c8c8; vertical-align: middle; }
form.inline { display: inline; margin: 0; }
button { font: inherit; color: #ffffff; background: #0b4f8a; border: 0; border-radius: 0.25rem; padding: 0.375rem 0.875rem; cursor: pointer; }
button.secondary { color: #0b4f8a; background: #ffffff; border: 1px solid #0b4f8a; }
.note { background: #eef4fa; border-left: 4px solid #0b4f8a; padding: 0.5rem 0.75rem; }
.error { border-left-color: #a4262c; background: #fbeeee; }
`;
