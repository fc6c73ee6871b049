// A small cookie jar for the scripted user agent: enough of RFC 6265 for the pages this
// project's authorization server and cognito-local serve (host-only cookies, Path,
// Max-Age/Expires deletion). Cookies do not depend on the port, as in browsers.

export class CookieJar {
  #cookies = new Map(); // "host|path|name" -> { host, path, name, value, expires }

  /** Stores the Set-Cookie headers of a response received from `url`. */
  store(url, response) {
    const target = new URL(url);
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const separator = pair.indexOf("=");
      if (separator <= 0) {
        continue;
      }
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      let path = defaultPath(target.pathname);
      let expires = Infinity;
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split("=");
        const attributeValue = rest.join("=").trim();
        switch (key.trim().toLowerCase()) {
          case "path":
            if (attributeValue.startsWith("/")) {
              path = attributeValue;
            }
            break;
          case "max-age":
            expires = Date.now() + Number(attributeValue) * 1000;
            break;
          case "expires":
            if (expires === Infinity) {
              expires = Date.parse(attributeValue);
            }
            break;
          default:
            break;
        }
      }
      const key = `${target.hostname}|${path}|${name}`;
      if (expires <= Date.now()) {
        this.#cookies.delete(key);
      } else {
        this.#cookies.set(key, { host: target.hostname, path, name, value, expires });
      }
    }
  }

  /** The Cookie header to send to `url`, or undefined. */
  header(url) {
    const target = new URL(url);
    const now = Date.now();
    const matching = [...this.#cookies.values()]
      .filter((cookie) => cookie.host === target.hostname && cookie.expires > now)
      .filter((cookie) => pathMatches(target.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length > 0 ? matching.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
  }
}

function defaultPath(pathname) {
  const last = pathname.lastIndexOf("/");
  return last <= 0 ? "/" : pathname.slice(0, last);
}

function pathMatches(requestPath, cookiePath) {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) && (cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/"))
  );
}
