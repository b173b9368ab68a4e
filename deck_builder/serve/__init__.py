"""`deck-builder serve`: the deck previewed live in the browser while its content is edited.

`app` starts and stops the parts together: `builder` (rebuilds through the pipeline on
every change, keeps the last good build and the slide pictures by content key),
`office` (a warm LibreOffice that draws only the changed slides, via `unobridge`),
`watch` (file notifications) and `http` (the page, its state and an event stream, on
127.0.0.1 behind a random token). `slides` turns a built deck into what the page shows.
"""
