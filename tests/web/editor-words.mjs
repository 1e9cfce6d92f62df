// The words of Decap's interface that the browser tests click or wait for,
// in the interface language the editor is set to (`locale` in
// /admin/config.yml, which memoria sets from the site's default language).
// They are read from the phrases of the Decap bundle the page runs
// (`CMS.getLocale`), never written here, so the tests work in any language
// Decap has and follow its wording when the vendored version changes.

/** Waits for Decap to start on `page` and returns its words. */
export async function editorWords(page) {
  await page.waitForFunction(() => window.CMS && typeof window.CMS.getLocale === "function", null, {
    timeout: 30000,
  });
  const words = await page.evaluate(async () => {
    const config = await (await fetch("/admin/config.yml")).text();
    const match = /^locale: *['"]?([A-Za-z_-]+)/m.exec(config);
    const locale = match ? match[1] : "en";
    const phrases = window.CMS.getLocale(locale);
    if (!phrases) return { error: `Decap has no phrases for the locale ${locale}` };
    const pick = (path) => path.split(".").reduce((o, k) => (o ? o[k] : undefined), phrases);
    const wanted = {
      login: "auth.login",
      publish: "editor.editorToolbar.publish",
      publishNow: "editor.editorToolbar.publishNow",
      changesSaved: "editor.editorToolbar.changesSaved",
      newEntry: "collection.collectionTop.newButton",
    };
    const found = { locale };
    for (const [name, path] of Object.entries(wanted)) {
      const value = pick(path);
      if (typeof value !== "string" || value === "") {
        return { error: `Decap's ${locale} phrases lack ${path}` };
      }
      found[name] = value;
    }
    return found;
  });
  if (words.error) throw new Error(words.error);
  const escaped = words.publish.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return { ...words, publishExactly: new RegExp(`^${escaped}$`) };
}
