/** The page's only stylesheet, inlined: the demo loads no external assets. */
export const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f6f5f2; --card: #fff; --ink: #1d1d1f; --muted: #6b6b70; --line: #e3e1dc;
  --accent: #e8590c; --accent-ink: #fff; --ok-bg: #e7f5ec; --ok-ink: #1f6f3f; --code: #f1efea;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16161a; --card: #1f1f24; --ink: #ececf1; --muted: #9a9aa3; --line: #2f2f36;
    --accent: #ff7a33; --accent-ink: #16161a; --ok-bg: #1b3326; --ok-ink: #8fe0ad; --code: #26262c;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
header h1 { margin: 0; font-size: 1.6rem; letter-spacing: -0.01em; }
header p { margin: .25rem 0 0; color: var(--muted); }
code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: .85em; }
code { background: var(--code); padding: .1em .35em; border-radius: 4px; white-space: nowrap; }
.notice {
  margin: 1.25rem 0 0; padding: .7rem 1rem; border-radius: 10px;
  background: var(--ok-bg); color: var(--ok-ink); font-weight: 500;
}
.grid { display: grid; gap: 1rem; margin-top: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 1.1rem 1.25rem; }
.card h2 { margin: 0 0 .6rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.card.wide { grid-column: 1 / -1; }
.hint { color: var(--muted); font-size: .85rem; margin: .6rem 0 0; }
.big { font-size: 2.6rem; font-weight: 700; line-height: 1.1; }
form { margin: 0; }
.inline { display: inline; }
input[type="text"] {
  width: 100%; padding: .5rem .65rem; border: 1px solid var(--line); border-radius: 8px;
  background: var(--bg); color: var(--ink); font: inherit;
}
button {
  font: inherit; cursor: pointer; border: 0; border-radius: 8px; padding: .45rem .85rem;
  background: var(--accent); color: var(--accent-ink); font-weight: 600;
}
button.quiet { background: transparent; color: var(--muted); border: 1px solid var(--line); font-weight: 500; }
button.small { padding: .2rem .55rem; font-size: .85rem; }
.stack > * + * { margin-top: .65rem; }
.switch { display: flex; align-items: center; gap: .6rem; font-size: .9rem; cursor: pointer; }
.switch input {
  appearance: none; width: 2.4rem; height: 1.35rem; border-radius: 1rem; margin: 0; flex: none;
  background: var(--line); position: relative; cursor: pointer; transition: background .15s;
}
.switch input::after {
  content: ""; position: absolute; top: .15rem; left: .15rem; width: 1.05rem; height: 1.05rem;
  border-radius: 50%; background: #fff; transition: transform .15s;
}
.switch input:checked { background: var(--accent); }
.switch input:checked::after { transform: translateX(1.05rem); }
.switch input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.products { display: grid; gap: .4rem; }
.big-cart { margin-top: .6rem; }
.big-cart button { width: 100%; }
.products button {
  width: 100%; display: flex; justify-content: space-between; align-items: center;
  background: var(--bg); color: var(--ink); border: 1px solid var(--line); font-weight: 500;
}
.products button:hover { border-color: var(--accent); }
.products small { color: var(--muted); }
.products .add { color: var(--accent); font-weight: 700; margin-left: .4rem; }
ul.cart { list-style: none; padding: 0; margin: .8rem 0 0; }
ul.cart li { display: flex; align-items: center; gap: .5rem; padding: .35rem 0; border-top: 1px solid var(--line); }
ul.cart li .name { flex: 1; }
.total { display: flex; justify-content: space-between; align-items: center; margin-top: .6rem; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
pre.data { background: var(--code); border-radius: 10px; padding: .75rem 1rem; margin: .8rem 0 0; overflow: auto; }
footer { margin-top: 1.5rem; color: var(--muted); font-size: .85rem; }
`;
