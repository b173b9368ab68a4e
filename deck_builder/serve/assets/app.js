// The preview page: shows the decks the server builds and follows its event stream.
// Content text is only ever set as text (textContent), never parsed as HTML.
"use strict";

const state = {
  deck: "base",       // the deck on show: "base" or an afdeling's slug
  compare: false,     // an afdeling's deck beside the base deck
  selected: 0,        // the slide on show, by index
  decks: {},          // deck key → its last state from the server
  lastPicture: {},    // deck key → slide index → the last picture key shown there
  office: { pictures: true, hint: "" },
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJSON(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function loadDeck(key) {
  state.decks[key] = await getJSON(`api/state/${encodeURIComponent(key)}`);
}

async function loadDeckList() {
  // The afdelingen may change while the page is open (afdelingen.yaml is watched too).
  const decks = await getJSON("api/decks");
  state.office = decks;
  const select = $("deck");
  const options = [el("option", { value: "base" }, "Basisdeck"),
    ...decks.afdelingen.map((item) => el("option", { value: item.slug }, item.name))];
  const known = [...select.options].map((option) => option.value + "\n" + option.textContent);
  if (known.join("\n") !== options.map((option) => option.value + "\n" + option.textContent).join("\n")) {
    const current = select.value;
    select.replaceChildren(...options);
    select.value = options.some((option) => option.value === current) ? current : "base";
  }
  return decks;
}

async function init() {
  const decks = await loadDeckList();
  const select = $("deck");
  state.deck = decks.first;
  select.value = state.deck;
  select.addEventListener("change", async () => {
    state.deck = select.value;
    await refresh();
  });
  $("compare").addEventListener("change", async () => {
    state.compare = $("compare").checked;
    await refresh();
  });
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLSelectElement) return;
    if (event.key === "ArrowDown" || event.key === "ArrowRight") select_(state.selected + 1);
    if (event.key === "ArrowUp" || event.key === "ArrowLeft") select_(state.selected - 1);
  });
  await refresh();
  listen();
}

function listen() {
  const source = new EventSource("events");
  source.addEventListener("open", () => render());
  source.addEventListener("error", () => { $("status").textContent = "verbinding verbroken, opnieuw verbinden…"; });
  source.addEventListener("deck", async (event) => {
    const data = JSON.parse(event.data);
    // The base deck's events also bring the list of afdelingen and the comparison.
    if (data.deck !== state.deck && data.deck !== "base") return;
    await loadDeck(data.deck);
    if (data.deck === "base") await loadDeckList();
    const follow = data.deck === state.deck && $("follow").checked && data.changed.length;
    if (follow) state.selected = data.changed[0];
    render();
    if (follow) {
      const button = $("strip").children[state.selected];
      if (button) button.scrollIntoView({ block: "nearest" });
    }
  });
}

async function refresh() {
  await loadDeck(state.deck);
  if (state.compare && state.deck !== "base") await loadDeck("base");
  render();
}

function select_(index) {
  const deck = state.decks[state.deck];
  if (!deck || !deck.slides.length) return;
  state.selected = Math.max(0, Math.min(index, deck.slides.length - 1));
  render();
  const button = $("strip").children[state.selected];
  if (button) button.scrollIntoView({ block: "nearest" });
}

function pictureOf(deckKey, index, slide) {
  // The slide's own picture once drawn; meanwhile the last one shown in its place, faded.
  const memory = (state.lastPicture[deckKey] ||= {});
  if (slide.picture) {
    memory[index] = slide.key;
    return { key: slide.key, stale: false };
  }
  return memory[index] ? { key: memory[index], stale: true } : null;
}

function slideFigure(deckKey, deck, index, label) {
  const slide = deck.slides[index];
  const figure = el("figure", {});
  if (label) figure.append(el("figcaption", {}, label));
  if (!slide) {
    figure.append(el("div", { class: "missing" }, "niet in dit deck"));
    return figure;
  }
  const picture = state.office.pictures ? pictureOf(deckKey, index, slide) : null;
  if (picture) {
    figure.append(el("img", {
      src: `slide/${picture.key}.png`, alt: `Dia ${slide.number}: ${slide.title}`,
      class: picture.stale ? "stale slide-picture" : "slide-picture",
      "data-key": picture.key,
    }));
  } else {
    figure.append(planned(slide));
  }
  return figure;
}

function planned(slide) {
  const box = el("div", { class: "planned", "data-key": slide.key });
  for (const block of slide.text) {
    box.append(el("div", { class: "role" }, `${block.role} · ${block.size} pt` + (block.overflows ? " · past niet" : "")));
    for (const para of block.paragraphs) {
      const p = el("p", { class: para.bullet ? "bullet" : "" }, para.text);
      p.style.marginLeft = `${para.level * 1.2}rem`;
      box.append(p);
    }
  }
  return box;
}

function noteItem(note) {
  return el("li", { class: `note ${note.level}` },
    note.where ? el("span", { class: "where" }, note.where + ": ") : null,
    note.message,
    note.code ? el("span", { class: "code" }, note.code) : null);
}

function render() {
  const deck = state.decks[state.deck];
  if (!deck) return;
  const isBase = state.deck === "base";
  $("compare-label").hidden = isBase;
  const comparing = state.compare && !isBase && state.decks.base;
  // The banner: every content error while the content does not build.
  $("banner").hidden = deck.ok;
  $("errors").replaceChildren(...deck.errors.map(noteItem));
  $("banner-text").textContent = deck.built
    ? "Hieronder staat de laatste versie die wel bouwde. Herstel deze fouten:"
    : "Herstel deze fouten:";
  const office = $("office");
  office.hidden = state.office.pictures && !deck.picture_error;
  office.textContent = deck.picture_error || (state.office.pictures ? "" :
    `Dia's worden als geplande tekst getoond. Voor afbeeldingen van de echte dia's: ${state.office.hint}`);
  $("deck-notes").replaceChildren(...deck.notes.map(noteItem));
  const status = deck.building ? "bezig met bouwen…" :
    deck.built ? `gebouwd in ${deck.seconds.toFixed(2)} s · ${deck.slides.length} dia's · ${deck.drawn} opnieuw getekend` :
    "nog niet gebouwd";
  $("status").textContent = status;
  $("download-pptx").href = `download/${state.deck}.pptx`;
  $("download-pdf").href = `download/${state.deck}.pdf`;
  $("download-pptx").hidden = $("download-pdf").hidden = !deck.built;
  if (deck.slides.length) state.selected = Math.min(state.selected, deck.slides.length - 1);

  const strip = $("strip");
  strip.replaceChildren(...deck.slides.map((slide, index) => {
    const picture = state.office.pictures ? pictureOf(state.deck, index, slide) : null;
    const classes = ["thumb"];
    if (index === state.selected) classes.push("selected");
    if (deck.changed.includes(index)) classes.push("changed");
    if (slide.notes.length) classes.push("has-warning");
    if (comparing) {
      const base = state.decks.base.slides.find((item) => item.name === slide.name);
      // By text, as `variants diff` compares: the footers' meeting date differs anyway.
      if (!base || JSON.stringify(base.text) !== JSON.stringify(slide.text)) classes.push("differs");
    }
    const button = el("button", { class: classes.join(" "), type: "button",
      "aria-label": `Dia ${slide.number}: ${slide.title}`, "data-index": index },
      picture ? el("img", { src: `slide/${picture.key}.png`, alt: "", class: picture.stale ? "stale" : "" })
              : el("div", { class: "thumb-text" }, slide.title),
      el("span", { class: "num" }, `${slide.number}. ${slide.title}`));
    button.addEventListener("click", () => select_(index));
    return button;
  }));

  const slide = deck.slides[state.selected];
  const stage = $("slide");
  if (!slide) {
    stage.replaceChildren(el("div", { class: "missing" }, deck.building ? "bezig…" : "geen dia's"));
    $("source").textContent = "";
    $("notes").replaceChildren();
    return;
  }
  if (comparing) {
    const base = state.decks.base;
    const match = base.slides.findIndex((item) => item.name === slide.name);
    const same = match >= 0 && JSON.stringify(base.slides[match].text) === JSON.stringify(slide.text);
    stage.replaceChildren(
      slideFigure("base", base, match, match >= 0 ? `basisdeck, dia ${match + 1}` + (same ? " (zelfde tekst)" : "") : "basisdeck"),
      slideFigure(state.deck, deck, state.selected, `${$("deck").selectedOptions[0].textContent}, dia ${slide.number}`));
  } else {
    stage.replaceChildren(slideFigure(state.deck, deck, state.selected, null));
  }
  $("source").textContent = slide.source;
  $("notes").replaceChildren(...slide.notes.map(noteItem));
  if (comparing) {
    const names = new Set(deck.slides.map((item) => item.name));
    const dropped = state.decks.base.slides.filter((item) => !names.has(item.name));
    if (dropped.length) {
      $("notes").append(el("li", { class: "note dropped" }, "Niet in dit deck (wel in het basisdeck): " +
        dropped.map((item) => `dia ${item.number}, ${item.title}`).join("; ")));
    }
  }
}

init().catch((error) => { $("status").textContent = `fout: ${error.message}`; });
