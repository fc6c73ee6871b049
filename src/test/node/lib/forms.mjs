// Reads the HTML forms of a page well enough to submit them as a browser would: the
// form's method and action, its inputs with their values, and its submit buttons.
// A regular-expression reader, not a full HTML parser: the pages it reads are this
// project's own (consent, sign-in) and cognito-local's sign-in form.

const FORM = /<form\b([^>]*)>([\s\S]*?)<\/form\s*>/gi;
const INPUT = /<input\b([^>]*?)\/?>/gi;
const BUTTON = /<button\b([^>]*)>([\s\S]*?)<\/button\s*>/gi;
const ATTRIBUTE = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (match, entity) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith("#x")) {
      return String.fromCodePoint(parseInt(lower.slice(2), 16));
    }
    if (lower.startsWith("#")) {
      return String.fromCodePoint(parseInt(lower.slice(1), 10));
    }
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[lower];
  });
}

export function attributes(text) {
  const result = {};
  for (const match of text.matchAll(ATTRIBUTE)) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    result[match[1].toLowerCase()] = decodeEntities(value);
  }
  return result;
}

/**
 * The forms of a page.
 * @returns {{method: string, action: string, inputs: object[], buttons: object[]}[]}
 */
export function forms(html) {
  const result = [];
  for (const form of html.matchAll(FORM)) {
    const formAttributes = attributes(form[1]);
    const inputs = [...form[2].matchAll(INPUT)].map((input) => attributes(input[1]));
    const buttons = [...form[2].matchAll(BUTTON)].map((button) => ({
      ...attributes(button[1]),
      text: decodeEntities(button[2].replace(/<[^>]*>/g, "").trim()),
    }));
    result.push({
      method: (formAttributes.method ?? "get").toLowerCase(),
      action: formAttributes.action ?? "",
      inputs,
      buttons,
    });
  }
  return result;
}

/** The values a browser sends for a form's inputs, before the user types anything. */
export function defaultValues(form) {
  const values = new URLSearchParams();
  for (const input of form.inputs) {
    const type = (input.type ?? "text").toLowerCase();
    if (!input.name || ["submit", "button", "image", "reset", "file"].includes(type)) {
      continue;
    }
    if ((type === "checkbox" || type === "radio") && !("checked" in input)) {
      continue;
    }
    values.append(input.name, input.value ?? (type === "checkbox" || type === "radio" ? "on" : ""));
  }
  return values;
}

/** A short, readable account of a page for error messages: title, alerts, text. */
export function describePage(html) {
  const title = html.match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1]?.trim();
  const alert = html.match(/<p[^>]*(?:role="alert"|class="alert"|style="color:red")[^>]*>([\s\S]*?)<\/p>/i)?.[1];
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const parts = [];
  if (title) {
    parts.push(`title "${decodeEntities(title)}"`);
  }
  if (alert) {
    parts.push(`message "${decodeEntities(alert.replace(/<[^>]+>/g, "").trim())}"`);
  }
  parts.push(`text "${decodeEntities(text).slice(0, 300)}"`);
  return parts.join(", ");
}
