// The one Liquid layout of the bench's Eleventy build, which the bench's
// least-work contenders (bench/worker.js) render their pages through too.
export const LAYOUT = `<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ title }}</title><meta name="description" content="{{ summary }}"></head>
<body>
<article>
<h1>{{ title }}</h1>
<p class="dateline">{{ location }}, <time>{{ page.date | date: "%Y-%m-%d" }}</time></p>
{{ content }}
<ul class="tags">{% for tag in tags %}<li>{{ tag }}</li>{% endfor %}</ul>
</article>
</body>
</html>
`;
