"""The catalogue of finding messages, in Finnish and English.

Every message says what is wrong and, where one exists, the fix, in words the administration chief
uses. Parameters are filled with ``str.format``; a missing parameter is a programming error and
raises, so a message is never printed with a hole in it.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading the case folder -------------------------------------------------------------
    "CASE-NOT-FOUND": {
        "fi": "kansiota ei löydy. Anna tapauskansion polku (kansio, jossa on case.yaml).",
        "en": "folder not found. Give the path of a case folder (one that holds case.yaml).",
    },
    "CASE-MISSING-FILE": {
        "fi": "tapauskansiosta puuttuu {name}. Luo se tai aloita komennolla 'kuntasopimus new KANSIO'.",
        "en": "the case folder has no {name}. Create it, or start from 'kuntasopimus new DIR'.",
    },
    "CASE-NO-AGREEMENTS": {
        "fi": "tapauskansiossa ei ole yhtään sopimustiedostoa (*.yaml, jossa on kind).",
        "en": "the case folder holds no agreement file (*.yaml with a kind).",
    },
    "CASE-EXTENSION": {
        "fi": "tiedostoa ei lueta, koska sen pääte ei ole .yaml (pienin kirjaimin). Nimeä se uudelleen päätteellä .yaml, jos se kuuluu tapaukseen, tai siirrä se pois kansiosta.",
        "en": "the file is not read because its extension is not .yaml (in lower case). Rename it to end in .yaml if it belongs to the case, or move it out of the folder.",
    },
    "CASE-TOO-LARGE": {
        "fi": "tapaus on liian suuri luettavaksi ({what_fi}). Jaa se useammaksi tapaukseksi tai poista ylimääräiset tiedostot.",
        "en": "the case is too large to read ({what_en}). Split it into several cases or remove the extra files.",
    },
    "CASE-READ": {
        "fi": "tiedostoa ei voi lukea: {reason}.",
        "en": "cannot read the file: {reason}.",
    },
    "YAML-TOO-BIG": {
        "fi": "tiedosto on liian suuri ({size} tavua, enintään {limit}). Tarkista, että se on oikea tiedosto.",
        "en": "the file is too large ({size} bytes, at most {limit}). Check that it is the right file.",
    },
    "FILE-TOO-BIG": {
        "fi": "tiedosto on liian suuri ({size} tavua, enintään {limit}). Tarkista, että polku osoittaa oikeaan tiedostoon.",
        "en": "the file is too large ({size} bytes, at most {limit}). Check that the path names the right file.",
    },
    "YAML-TOO-LARGE": {
        "fi": "YAML-rakenne on liian suuri tai syvä ({what_fi}). Poista ankkurit (&) ja viittaukset (*) tai sisäkkäisyys.",
        "en": "the YAML structure is too large or too deep ({what_en}). Remove anchors (&), aliases (*) or nesting.",
    },
    "YAML-ENCODING": {
        "fi": "tiedosto ei ole UTF-8-muodossa. Tallenna se editorissa UTF-8-koodattuna.",
        "en": "the file is not UTF-8. Save it as UTF-8 in your editor.",
    },
    "YAML-EMPTY": {
        "fi": "tiedosto on tyhjä. Kirjoita siihen tiedot tai poista se.",
        "en": "the file is empty. Fill it in or remove it.",
    },
    "YAML-SYNTAX": {
        "fi": "YAML-kirjoitusvirhe: {problem}. Tarkista sisennykset ja kaksoispisteet.",
        "en": "YAML syntax error: {problem}. Check the indentation and colons.",
    },
    "YAML-DUPKEY": {
        "fi": "avain '{key}' on jo rivillä {first}. Poista toinen niistä.",
        "en": "key '{key}' already appears on line {first}. Remove one of them.",
    },
    "YAML-KEY": {
        "fi": "avaimen on oltava tavallinen sana. Kirjoita avain ilman hakasulkeita tai aaltosulkeita.",
        "en": "a key must be a plain word. Write the key without brackets or braces.",
    },
    "YAML-TAG": {
        "fi": "YAML-tunniste (!!...) ei ole sallittu; kirjoita arvo tavallisena tekstinä tai lukuna.",
        "en": "a YAML tag (!!...) is not allowed; write the value as plain text or a number.",
    },
    "YAML-TAB": {
        "fi": "rivi on sisennetty sarkaimella (tab). YAML sallii vain välilyönnit: korvaa sarkain välilyönneillä.",
        "en": "the line is indented with a tab. YAML allows only spaces: replace the tab with spaces.",
    },
    "YAML-BOM": {
        "fi": "tiedoston alussa on BOM-merkki (Windowsin Muistio lisää sen); se ohitettiin. Tallenna mieluummin muodossa UTF-8 ilman BOM-merkkiä.",
        "en": "the file starts with a byte-order mark (added by Windows Notepad); it was skipped. Prefer UTF-8 without BOM.",
    },
    "YAML-UTF16": {
        "fi": "tiedosto on UTF-16-muodossa. Tallenna se editorissa UTF-8-koodattuna.",
        "en": "the file is UTF-16. Save it as UTF-8 in your editor.",
    },
    "TEXT-CONTROL": {
        "fi": "tekstissä on ohjausmerkki {code} (merkki {offset}), jota Word-asiakirja ei voi sisältää; se tulee usein PDF:stä kopioidusta tekstistä. Poista merkki tai kirjoita teksti uudelleen.",
        "en": "the text holds the control character {code} (character {offset}), which a Word document cannot hold; it often comes from text copied from a PDF. Remove it or retype the text.",
    },
    "TEXT-PRIVATE-USE": {
        "fi": "tekstissä on yksityiskäyttöinen merkki {code} (merkki {offset}): sillä ei ole merkitystä muualla kuin sen tehneessä fontissa (esim. Wordin Symbol-luettelomerkki), ja ohjelma käyttää näitä merkkejä sisäisesti. Korvaa se tavallisella merkillä.",
        "en": "the text holds the private-use character {code} (character {offset}): it means nothing outside the font that made it (e.g. a Word Symbol bullet), and the tool uses such characters internally. Replace it with an ordinary character.",
    },
    "TEXT-TAB": {
        "fi": "tekstissä on sarkain (tab) (merkki {offset}); asiakirjassa teksti hyppäisi siinä seuraavaan sarkainkohtaan. Korvaa se välilyönnillä.",
        "en": "the text holds a tab (character {offset}); in a document the text would jump to the next tab stop there. Replace it with a space.",
    },
    "TEXT-BIDI": {
        "fi": "tekstissä on kirjoitussuunnan ohjausmerkki {code} (merkki {offset}), joka saa tekstin näkymään eri järjestyksessä kuin se luetaan. Poista merkki.",
        "en": "the text holds the bidirectional control {code} (character {offset}), which makes the text display in another order than it reads. Remove it.",
    },
    "CASE-NOT-FILE": {
        "fi": "tämä ei ole tavallinen tiedosto vaan {what_fi}; sitä ei lueta. Korvaa se tiedostolla tai poista se kansiosta.",
        "en": "this is not an ordinary file but {what_en}; it is not read. Replace it with a file or remove it from the folder.",
    },
    "YAML-NOT-MAPPING": {
        "fi": "tiedoston on oltava avain–arvo-rakenne (esim. 'id: ...').",
        "en": "the file must be a mapping of keys to values (e.g. 'id: ...').",
    },
    # --- schema --------------------------------------------------------------------------------
    "SCHEMA-REQUIRED": {
        "fi": "pakollinen kenttä '{field}' puuttuu. Lisää se.",
        "en": "required field '{field}' is missing. Add it.",
    },
    "SCHEMA-UNKNOWN": {
        "fi": "tuntematon kenttä '{field}'. Tarkista kirjoitusasu{hint_fi}.",
        "en": "unknown field '{field}'. Check the spelling{hint_en}.",
    },
    "SCHEMA-TYPE": {
        "fi": "arvon '{value}' pitäisi olla {expected_fi}.",
        "en": "value '{value}' should be {expected_en}.",
    },
    "SCHEMA-ENUM": {
        "fi": "arvo '{value}' ei kelpaa. Sallitut: {allowed}.",
        "en": "value '{value}' is not allowed. Allowed: {allowed}.",
    },
    "SCHEMA-FORMAT": {
        "fi": "arvo '{value}' on väärässä muodossa. {hint_fi}",
        "en": "value '{value}' has the wrong form. {hint_en}",
    },
    "SCHEMA-RANGE": {
        "fi": "arvo {value} on sallitun alueen ulkopuolella ({bound_fi}).",
        "en": "value {value} is out of range ({bound_en}).",
    },
    "SCHEMA-EMPTY": {
        "fi": "lista tai kenttä on tyhjä; anna vähintään {minimum}.",
        "en": "the list or field is empty; give at least {minimum}.",
    },
    "SCHEMA-BLANK": {
        "fi": "teksti on tyhjä (pelkkiä välilyöntejä). Kirjoita teksti tai poista kenttä.",
        "en": "the text is blank (only spaces). Write the text or remove the field.",
    },
    "SCHEMA-LONG": {
        "fi": "arvo on {length} merkkiä pitkä; enintään {limit} merkkiä sallitaan. Lyhennä sitä.",
        "en": "the value is {length} characters long; at most {limit} are allowed. Shorten it.",
    },
    "SCHEMA-DUPLICATE-ITEM": {
        "fi": "listassa on sama arvo kahdesti. Poista toisto.",
        "en": "the list holds the same value twice. Remove the repeat.",
    },
    "SCHEMA-ONE-OF": {
        "fi": "{what_fi}",
        "en": "{what_en}",
    },
    "SCHEMA-INVALID": {
        "fi": "arvo ei kelpaa: {detail}.",
        "en": "value is not valid: {detail}.",
    },
    # --- references and values -----------------------------------------------------------------
    "REF-DUPLICATE-ID": {
        "fi": "tunniste '{id}' on jo käytössä ({other}). Anna jokaiselle oma tunniste.",
        "en": "id '{id}' is already used ({other}). Give each its own id.",
    },
    "REF-MUNICIPALITY": {
        "fi": "kuntaa '{id}' ei ole kuntarekisterissä (municipalities.yaml). Tunnetut: {known}.",
        "en": "municipality '{id}' is not in the registry (municipalities.yaml). Known: {known}.",
    },
    "REF-NOT-PARTY": {
        "fi": "{role_fi} '{id}' ei ole sopijaosapuoli. Lisää se parties-listaan tai valitse osapuoli.",
        "en": "{role_en} '{id}' is not a party. Add it to parties or choose a party.",
    },
    "REF-BASE-KIND": {
        "fi": "täydennettävän sopimuksen '{id}' on oltava yhteistoimintasopimus (kind: joint_body).",
        "en": "base agreement '{id}' must be a cooperation agreement (kind: joint_body).",
    },
    "REF-AREA": {
        "fi": "työllisyysaluetta '{id}' ei ole kuntarekisterissä (employment_areas). Tunnetut: {known}.",
        "en": "employment area '{id}' is not in the registry (employment_areas). Known: {known}.",
    },
    "REF-NEIGHBOUR-SYMMETRY": {
        "fi": "{a} mainitsee naapurikseen kunnan {b}, mutta {b} ei mainitse kuntaa {a}. Lisää naapuruus kummallekin.",
        "en": "{a} lists {b} as a neighbour but {b} does not list {a}. Add the relation to both.",
    },
    "REF-FIGURES-PARTY": {
        "fi": "kunta '{id}' ei ole sopijaosapuoli, mutta sille on annettu jakoluku. Poista se tai lisää osapuoleksi.",
        "en": "municipality '{id}' is not a party but has a sharing figure. Remove it or make it a party.",
    },
    "DATA-DATE": {
        "fi": "päivämäärää '{value}' ei ole olemassa. Tarkista päivä ja kuukausi.",
        "en": "date '{value}' does not exist. Check the day and month.",
    },
    "DATA-DATE-RANGE": {
        "fi": "päivämäärä '{value}' on vuosien {first}–{last} ulkopuolella. Tarkista vuosi.",
        "en": "date '{value}' is outside the years {first}–{last}. Check the year.",
    },
    "NAME-CLASH": {
        "fi": "nimi '{name}' on jo käytössä ({other}); asiakirjat nimeävät kunnat nimellä, joten luvut menisivät sekaisin. Anna kunnalle oma nimi.",
        "en": "the name '{name}' is already used ({other}); documents name municipalities by name, so their figures would be mixed up. Give the municipality its own name.",
    },
    "OUTPUT-NAME-CLASH": {
        "fi": "tästä tulisi tiedosto {file}, mutta sillä olisi sama nimi (tai saman niminen PDF) kuin tiedostolla {other}, joka tehdään jo; toinen korvaisi toisen. Valitse toinen tunniste.",
        "en": "this would give the file {file}, which would have the same name (or the same PDF name) as {other}, which is already made; one would overwrite the other. Choose another id.",
    },
    "DATA-POPULATION-YEAR": {
        "fi": "kunnalta {name} puuttuu väkiluku vuodelta {year}. Lisää se municipalities.yaml-tiedostoon tai vaihda vuosi.",
        "en": "municipality {name} has no population for {year}. Add it to municipalities.yaml or change the year.",
    },
    "DATA-LABOUR-YEAR": {
        "fi": "kunnalta {name} puuttuu työvoiman määrä vuodelta {year}. Lisää labour_force municipalities.yaml-tiedostoon.",
        "en": "municipality {name} has no labour force for {year}. Add labour_force to municipalities.yaml.",
    },
    "DATA-FIGURES-ZERO": {
        "fi": "jakolukujen summa on nolla, joten osuuksia ei voi laskea. Anna vähintään yksi positiivinen luku.",
        "en": "the sharing figures add up to zero, so no shares can be computed. Give at least one positive figure.",
    },
    "BUILD-EDITED": {
        "fi": "tiedostoa on muokattu edellisen build-ajon jälkeen, joten sitä ei korvattu. Siirrä muutokset YAML-tiedostoihin tai aja build --force, jolloin muokattu tiedosto säilyy varmuuskopiona.",
        "en": "the file was edited after the last build, so it was not overwritten. Move the changes into the YAML files, or run build --force to keep the edited file as a backup.",
    },
    "DIFF-EDITED": {
        "fi": "tiedostoa on muokattu edellisen diff-ajon jälkeen, joten sitä ei korvattu. Valitse toinen --out-kansio tai aja diff --force, jolloin muokattu tiedosto säilyy varmuuskopiona.",
        "en": "the file was edited after the last diff, so it was not overwritten. Choose another --out folder, or run diff --force to keep the edited file as a backup.",
    },
    "LANG-TEXT": {
        "fi": 'tekstiä ei ole {lang_fi}, mutta se näkyy asiakirjassa {document}. Kirjoita teksti käännöksineen, esim. {{fi: "…", sv: "…"}}.',
        "en": 'this text is not given {lang_en}, but it shows in {document}. Write it with its translation, e.g. {{fi: "…", sv: "…"}}.',
    },
    "LANG-CLAUSES": {
        "fi": "kieliversion kohdat poikkeavat virallisesta versiosta {official}: odotettiin kohtaa {expected}, löytyi {found}. Kieliversioiden on oltava kohta kohdalta samat.",
        "en": "the clauses of this language version differ from the official version {official}: expected {expected}, found {found}. Language versions must match clause by clause.",
    },
    "LANG-FACTS": {
        "fi": "kieliversio ei kerro samaa kuin virallinen versio {official}: {fact} on siinä '{found}', virallisessa '{expected}'. Tämä on ohjelmavirhe; ilmoita siitä kehittäjille.",
        "en": "this language version does not state what the official version {official} states: {fact} is '{found}' here, '{expected}' there. This is a bug; please report it.",
    },
    "DECK-TEMPLATE": {
        "fi": "diaesityksen pohjaa {path} ei voi käyttää: {reason_fi}. Anna .pptx-tiedosto, jossa on otsikkodia, otsikko ja sisältö sekä vain otsikko -asettelut (millä kielellä tahansa; englanniksi {layouts}).",
        "en": "the deck template {path} cannot be used: {reason_en}. Give a .pptx file with a title slide, a title and content and a title only layout (named in any language; in English {layouts}).",
    },
    "REF-AREA-AGREEMENT": {
        "fi": "työllisyysalueen sopimusta '{id}' ei ole tässä eikä viitatuissa tapauksissa. Tunnetut sopimukset: {known}. Korjaa tunniste tai anna sopimuksen otsikko ja päivämäärä (title, date).",
        "en": "the employment area's agreement '{id}' is in neither this case nor a referenced one. Known agreements: {known}. Fix the id, or give the agreement's title and date (title, date).",
    },
    "CASE-REFERENCE": {
        "fi": "viitattua tapauskansiota {path} ei löydy (siinä ei ole case.yaml-tiedostoa). Korjaa polku; se luetaan tämän tapauksen kansiosta.",
        "en": "the referenced case folder {path} is not found (it has no case.yaml). Fix the path; it is read from this case's folder.",
    },
    "CASE-REFERENCE-LOOP": {
        "fi": "tapaus {path} viittaa takaisin tähän tapaukseen. Poista kehäviittaus.",
        "en": "the case {path} refers back to this case. Remove the circular reference.",
    },
    "BUILD-PDF": {
        "fi": "PDF-tiedostoa ei saatu tehtyä LibreOfficella: {reason}. Word- ja PowerPoint-tiedostot on kirjoitettu.",
        "en": "LibreOffice could not make the PDF: {reason}. The Word and PowerPoint files were written.",
    },
    # --- reading outputs back (kuntasopimus check) -----------------------------------------
    "CHECK-MANIFEST-BAD": {
        "fi": "manifest.json ei ole tämän ohjelman kirjoittama luettelo ({detail}), joten tiedostoja ei voi tarkistaa. Aja build uudelleen.",
        "en": "manifest.json is not a manifest this tool wrote ({detail}), so the files cannot be checked. Run build again.",
    },
    "CHECK-MANIFEST-EDITED": {
        "fi": "manifest.json on muokattu käsin; tarkistus vertaa tiedostoja siihen, mitä se nyt sanoo.",
        "en": "manifest.json was edited by hand; the check compares the files with what it now says.",
    },
    "CHECK-DAMAGED": {
        "fi": "tiedostoa ei voi lukea: {reason_fi}. Aja build uudelleen tai palauta tiedosto varmuuskopiosta.",
        "en": "the file cannot be read: {reason_en}. Run build again or restore the file from a backup.",
    },
    "CHECK-RECOVERED": {
        "fi": "kansioon kirjoittanut build keskeytyi; sen tiedostot kirjoitettiin loppuun ennen tarkistusta.",
        "en": "a build writing into this folder was interrupted; its files were completed before the check.",
    },
    "CHECK-INTERRUPTED": {
        "fi": "kansioon kirjoittanut build keskeytyi, eikä sitä voitu viedä loppuun ({reason}). Aja build uudelleen.",
        "en": "a build writing into this folder was interrupted and could not be completed ({reason}). Run build again.",
    },
    "CHECK-MANIFEST": {
        "fi": "kansiossa ei ole manifest.json-tiedostoa. Anna build-komennon --out-kansio.",
        "en": "the folder has no manifest.json. Give the --out folder of a build.",
    },
    "CHECK-MISSING": {
        "fi": "manifest.json mainitsee tiedoston, mutta sitä ei ole. Aja build uudelleen.",
        "en": "manifest.json lists this file but it is missing. Run build again.",
    },
    "CHECK-FACT": {
        "fi": "{where}: {what} on '{found}', mutta mallissa ja muissa asiakirjoissa '{expected}' ({fact}). Korjaa arvo tai muuta YAML-tiedostoa ja aja build uudelleen.",
        "en": "{where}: {what} is '{found}' but '{expected}' in the model and the other documents ({fact}). Fix the value, or change the YAML and build again.",
    },
    "CHECK-ANCHOR": {
        "fi": "{where}: kohtaa, jossa {fact} ('{expected}') kerrotaan, ei löytynyt; teksti on ilmeisesti kirjoitettu uudelleen. Tarkista luku käsin tai aja build uudelleen.",
        "en": "{where}: the place that states {fact} ('{expected}') was not found; the text seems to have been rewritten. Check the figure by hand, or build again.",
    },
    "CHECK-TABLE": {
        "fi": "taulukkoa {table} ei löytynyt, joten sen lukuja ei voitu tarkistaa. Onko taulukko poistettu tai sen otsikkorivi muutettu? Tarkista luvut käsin tai aja build uudelleen.",
        "en": "table {table} was not found, so its figures could not be checked. Was it deleted or its header row changed? Check the figures by hand, or build again.",
    },
    "CHECK-UNKNOWN": {
        "fi": "{where}: tunnistamaton tieto {fact}; riviä on ilmeisesti muokattu käsin. Aja build uudelleen.",
        "en": "{where}: unknown fact {fact}; the row seems to have been edited by hand. Build again.",
    },
    # --- accessibility (build and kuntasopimus check) ---------------------------------------
    "A11Y-UNREADABLE": {
        "fi": "tiedostoa ei voitu lukea saavutettavuuden tarkistusta varten ({reason}); sitä on ilmeisesti muokattu käsin. Aja build uudelleen.",
        "en": "the file could not be read for the accessibility check ({reason}); it was apparently edited by hand. Run build again.",
    },
    "A11Y-TITLE": {
        "fi": "asiakirjalla ei ole otsikkoa ominaisuuksissaan (Tiedosto > Tiedot > Otsikko). Ruudunlukija ja PDF näyttävät otsikon; lisää se.",
        "en": "the document has no title in its properties (File > Info > Title). Screen readers and the PDF show it; add one.",
    },
    "A11Y-LANG": {
        "fi": "asiakirjan kieltä ei ole merkitty, joten ruudunlukija ei tiedä, millä kielellä se lukee. Valitse asiakirjan kieli (Tarkista > Kieli).",
        "en": "the document's language is not set, so a screen reader does not know which language to read it in. Set the language (Review > Language).",
    },
    "A11Y-ALT": {
        "fi": "{where}: kuvalla tai kaaviolla '{shape}' ei ole vaihtoehtoista tekstiä eikä sitä ole merkitty koristeelliseksi. Kirjoita vaihtoehtoinen teksti (hiiren oikea painike > Muokkaa vaihtoehtoista tekstiä) tai merkitse se koristeelliseksi.",
        "en": "{where}: the picture or chart '{shape}' has no alternative text and is not marked decorative. Write an alternative text (right-click > Edit Alt Text) or mark it decorative.",
    },
    "A11Y-TABLE-HEADER": {
        "fi": "{where}: taulukolla ei ole otsikkoriviä, joten ruudunlukija ei kerro, mitä sarakkeen luku tarkoittaa. Merkitse ensimmäinen rivi otsikkoriviksi (Word: Toista otsikkorivinä; PowerPoint: Otsikkorivi).",
        "en": "{where}: the table has no header row, so a screen reader cannot say what a column's figure means. Mark the first row as the header row (Word: Repeat as header row; PowerPoint: Header Row).",
    },
    "A11Y-TABLE-MERGED": {
        "fi": "{where}: taulukossa on yhdistettyjä soluja; ruudunlukija voi menettää paikkansa taulukossa. Pura yhdistäminen ja toista teksti soluissa.",
        "en": "{where}: the table has merged cells; a screen reader can lose its place in it. Split the cells and repeat the text.",
    },
    "A11Y-HEADING": {
        "fi": "{where}: otsikkotaso {level} tulee tason {previous} jälkeen, joten taso hyppää yli ja ruudunlukijan otsikkoluettelo katkeaa. Käytä tasoa {previous} + 1 tai korkeampaa.",
        "en": "{where}: heading level {level} follows level {previous}, skipping a level, which breaks a screen reader's list of headings. Use level {previous} + 1 or higher.",
    },
    "A11Y-SLIDE-TITLE": {
        "fi": "{where}: dialla ei ole otsikkoa otsikkopaikkamerkissä; ruudunlukija ja PDF:n kirjanmerkit tunnistavat dian otsikosta. Lisää dialle otsikko.",
        "en": "{where}: the slide has no title in its title placeholder; screen readers and the PDF's bookmarks know a slide by its title. Give the slide a title.",
    },
    "A11Y-SLIDE-TITLE-SAME": {
        "fi": "{where}: dian otsikko '{title}' on sama kuin dialla {other}; ruudunlukijan käyttäjä ei erota dioja toisistaan. Anna dialle oma otsikko.",
        "en": "{where}: the slide's title '{title}' is the same as slide {other}'s; a screen reader user cannot tell the slides apart. Give the slide a title of its own.",
    },
    "A11Y-CONTRAST": {
        "fi": "{where}: tekstin '{text}' kontrasti taustaansa vasten on {ratio}:1 (väri {foreground} taustalla {background}); vähintään {required}:1 tarvitaan. Vaihda pohjan värejä (teema, tausta) tai tekstin väriä.",
        "en": "{where}: the text '{text}' has a contrast of {ratio_en}:1 against its background (colour {foreground} on {background}); at least {required_en}:1 is needed. Change the template's colours (theme, background) or the text colour.",
    },
}


def render_message(code: str, lang: str, params: dict[str, Any]) -> str:
    entry = MESSAGES[code]
    template = entry.get(lang) or entry["fi"]
    return template.format(**params)
