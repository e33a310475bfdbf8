// Connection strings and passwords never appear in logs or messages.

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<connection string>';
  }
}

/** Removes every occurrence of the URL and of its password from a message. */
export function redactMessage(message: string, url: string | undefined): string {
  if (!url) return message;
  let out = message.split(url).join(redactUrl(url));
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) out = out.split(password).join('***');
  } catch {
    /* not a URL */
  }
  return out;
}
