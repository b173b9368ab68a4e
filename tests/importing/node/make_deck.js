// A deck made the way PptxGenJS users make them, for the import tests:
// node make_deck.js OUT.pptx PICTURE.png
// A master with title and body placeholders, free text boxes, a picture with alt text,
// a table, a bar chart and speaker notes.
"use strict";
const pptxgen = require("pptxgenjs");

const [out, picture] = process.argv.slice(2);
const deck = new pptxgen();
deck.layout = "LAYOUT_WIDE";
deck.title = "Woningbouw in de regio";
deck.author = "Team Wonen";

deck.defineSlideMaster({
  title: "INHOUD",
  background: { color: "FFFFFF" },
  objects: [
    { rect: { x: 0, y: 7.1, w: "100%", h: 0.4, fill: { color: "14365D" } } },
    { placeholder: { options: { name: "title", type: "title", x: 0.6, y: 0.4, w: 12, h: 1 },
                     text: "" } },
    { placeholder: { options: { name: "body", type: "body", x: 0.6, y: 1.6, w: 12, h: 5.2 },
                     text: "" } },
  ],
});

let slide = deck.addSlide();
slide.background = { color: "14365D" };
slide.addText("Woningbouw in de regio", {
  x: 0.8, y: 2.4, w: 11.5, h: 1.4, fontSize: 44, bold: true, color: "FFFFFF",
});
slide.addText("Team Wonen · voorjaar 2027", {
  x: 0.8, y: 3.9, w: 11.5, h: 0.6, fontSize: 20, color: "DDE6F0",
});

slide = deck.addSlide({ masterName: "INHOUD" });
slide.addText("Waarom nu?", { placeholder: "title" });
slide.addText([
  { text: "Tekort van ", options: { bullet: true } },
  { text: "390.000", options: { bold: true } },
  { text: " woningen", options: { breakLine: true } },
  { text: "vooral betaalbare huur", options: { bullet: true, indentLevel: 1, breakLine: true } },
  { text: "Bouwtempo moet ", options: { bullet: true } },
  { text: "omhoog", options: { hyperlink: { url: "https://example.org/tempo" } } },
], { placeholder: "body" });
slide.addNotes("Begin met het verhaal van de wethouder.");

slide = deck.addSlide({ masterName: "INHOUD" });
slide.addText("Twee sporen", { placeholder: "title" });
slide.addText("Versnellen: procedures en vergunningen voor nieuwe woningen korter maken", {
  x: 0.6, y: 1.8, w: 5.8, h: 3, fontSize: 20, valign: "top",
});
slide.addText("Betalen: meer geld voor betaalbare woningen in regio's en gemeenten", {
  x: 6.9, y: 1.8, w: 5.8, h: 3, fontSize: 20, valign: "top",
});

slide = deck.addSlide({ masterName: "INHOUD" });
slide.addText("De zoekgebieden", { placeholder: "title" });
slide.addImage({ path: picture, x: 2.7, y: 1.6, w: 8, h: 4.5,
                 altText: "Kaart van de provincie met drie zoekgebieden" });
slide.addText("Bron: provincie, 2026", {
  x: 2.7, y: 6.2, w: 8, h: 0.5, fontSize: 14, align: "center", color: "555555",
});

slide = deck.addSlide({ masterName: "INHOUD" });
slide.addText("Plannen per gemeente", { placeholder: "title" });
slide.addTable([
  [{ text: "Gemeente", options: { bold: true } }, { text: "Woningen", options: { bold: true } }],
  ["Assen", "1.200"],
  ["Emmen", "950"],
], { x: 0.6, y: 1.8, w: 8, colW: [5, 3], fontSize: 18 });

slide = deck.addSlide({ masterName: "INHOUD" });
slide.addText("Opgeleverd per jaar", { placeholder: "title" });
slide.addChart(deck.ChartType.bar, [
  { name: "Opgeleverd", labels: ["2024", "2025", "2026"], values: [820, 910, 1040] },
], { x: 0.6, y: 1.6, w: 12, h: 5.2, showLegend: false, altText: "Staafdiagram" });
slide.addNotes("De cijfers komen van het CBS.");

deck.writeFile({ fileName: out }).then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
