import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dateForMask, type Placeholder } from '../../server/src/core/parse/placeholders';
import { parseSpec } from '../../server/src/core/parse/spec-document';

const found = (text: string): Placeholder[] => [...parseSpec(text).placeholders];
const texts = (text: string): string[] => found(text).map((p) => p.text);

describe('placeholders', () => {
  test('bracketed text, with its exact range', () => {
    const text = '# Spec: [Feature Name]\n\nOwner: [agent name(s)] and more.\n';
    const [title, owner] = found(text);
    assert.equal(title?.kind, 'text');
    assert.equal(title?.label, 'Feature Name');
    assert.equal(text.slice(title!.range.start, title!.range.end), '[Feature Name]');
    assert.equal(owner?.label, 'agent name(s)');
  });

  test('choice lists with `/` and `|`, bracketed or as a whole value', () => {
    const text = [
      '**Status:** [Draft/In Review/Approved]',
      '',
      '**Spec status:** 🟡 Draft | 🟢 Approved | 🔴 Gaps Identified',
      '',
      '**Tier:** 1 | 2 | 3 | 4',
      '',
      '| Risk | Impact |',
      '|------|--------|',
      '| [Risk description] | High/Medium/Low |',
      '| Pick | [A\\|B] |',
      '',
      '**Profile:** {Minimal|Standard|Extended}',
    ].join('\n');
    const choices = found(text).filter((p) => p.kind === 'choice');
    assert.deepEqual(choices.map((p) => p.choices), [
      ['Draft', 'In Review', 'Approved'],
      ['🟡 Draft', '🟢 Approved', '🔴 Gaps Identified'],
      ['1', '2', '3', '4'],
      ['High', 'Medium', 'Low'],
      ['A', 'B'],
      ['Minimal', 'Standard', 'Extended'],
    ]);
  });

  test('notation of finished Kiro specs is no slot: printed tags, ticked boxes, names a pattern defines, cited requirements, formulas, legends, formats', () => {
    const text = [
      '- Output tagging (e.g., "[DEMO MODE]") keeps a record in the logs.',
      '- The CLI shall append "[RANDOM RESULTS - NOT REAL]" to every summary.',
      '- The board shows "[?] [?] [?]" before the flop.',
      '  - Add title overlay "[ UNIFIED SYSTEM VIEW ]"',
      '  - make parameter (-n|--name [chaincode_name]) optional, and `peer` accepts -o [orderer_address] too',
      '',
      '**Contracts**: Service [X] / State [X]',
      '',
      'Section components follow the pattern KanjiDetailSection[Name] where [Name] is the section.',
      '',
      'Handlers follow the naming pattern use-kanji-detail-[feature]-handlers.ts.',
      '',
      '**對應需求**: [需求 1.1, 1.2, 1.3]',
      '',
      '- Sauvola: T(x,y) = m(x,y) * [1 + k * (s(x,y) / R - 1)]',
      '',
      '**圖例**: ✅ 已完成 | 🔄 進行中 | ⏳ 待執行',
      '',
      '- 送信時刻（YYYY-MM-DD HH:MM:SS形式）',
      '- 今日の日付をYYYY-MM-DD形式で返す',
    ].join('\n');
    assert.deepEqual(texts(text), []);
    // Still slots: a quoted field value, a lowercase slot quoted in a sentence, a numbered phase, a status to pick.
    const slots = ['**Input**: "[Feature Name]"', '', 'The system displays "[error message]" on failure.', '', '### Phase [X]: [Name]', '', '**Status**: Done | In progress | Blocked'].join('\n');
    assert.deepEqual(texts(slots), ['[Feature Name]', '[error message]', '[X]', '[Name]', 'Done | In progress | Blocked']);
  });

  test('a path is not a choice list, quoted or not', () => {
    const text = ['| Replaces | Script | Level |', '|---|---|---|', '| "/docs/proposals/past.md" | scripts/build/run.sh | High/Medium/Low |'].join('\n');
    assert.deepEqual(found(text).filter((p) => p.kind === 'choice').map((p) => p.choices), [['High', 'Medium', 'Low']]);
  });

  test('a slash inside a phrase is not a choice list', () => {
    const [p] = found('- **Upstream**: [Features/components that must be completed first]\n');
    assert.equal(p?.kind, 'text');
    assert.deepEqual(texts('We support TCP/IP, read/write, and p95/p99 latency.\n'), []);
  });

  test('date masks, variables, clarifications and TODO words', () => {
    const text = 'Updated YYYY-MM-DD at YYYY-MM-DDTHH:mm:ss-04:00.\n\n{{CONVERSATION_HISTORY}} and ${Owner}\n\n[NEEDS CLARIFICATION: auth method?] TODO TBD\n';
    assert.deepEqual(
      found(text).map((p) => [p.kind, p.text, p.format ?? p.label]),
      [
        ['date', 'YYYY-MM-DD', 'date'],
        ['date', 'YYYY-MM-DDTHH:mm:ss-04:00', 'date-time'],
        ['variable', '{{CONVERSATION_HISTORY}}', 'CONVERSATION_HISTORY'],
        ['variable', '${Owner}', 'Owner'],
        ['clarification', '[NEEDS CLARIFICATION: auth method?]', 'NEEDS CLARIFICATION: auth method?'],
        ['todo', 'TODO', 'TODO'],
        ['todo', 'TBD', 'TBD'],
      ],
    );
    assert.deepEqual(texts('TODOs in todo lists and MYTODO are words.\n'), []);
  });

  test('links, defined references, footnotes and task boxes are not placeholders', () => {
    const text = [
      'See [the RFC](https://example.com/rfc) and [runbook][ops] and [ops].',
      'A footnote[^1] and an undefined one [^2].',
      '',
      '- [ ] open task',
      '- [x] done task',
      '',
      '[ops]: https://example.com/runbook',
      '[^1]: The footnote.',
      '',
      'Wiki [[Some Page]] and image ![alt [x]](a.png).',
    ].join('\n');
    assert.deepEqual(texts(text), []);
  });

  test('a filled template line read as a link definition is still a placeholder', () => {
    const text = '- [Metric]: fast\n- [Other]: [value]\n\nLater, [Metric] again.\n';
    assert.deepEqual(texts(text), ['[Metric]', '[Other]', '[value]', '[Metric]']);
  });

  test('nothing inside inline code or fenced code', () => {
    const text = 'Use `[ERROR]` and `YYYY-MM-DD` and ``{{x}}``.\n\n```python\narr[0] = "[Name]"  # TODO\nwhen = "YYYY-MM-DD"\n```\n\n    [Indented code]\n';
    assert.deepEqual(texts(text), []);
  });

  test('masking code, links and escapes keeps every offset, around and across lines', () => {
    // An escape right after masked code, a backslash inside code, a masked span over a line
    // break, a pipe escaped in a paragraph, and a placeholder after all of them.
    const text = 'Use `a\\` \\[not\\] and [link\nacross](https://x.example) \\| [Owner Name] `x`\r\n[Due Date]\n';
    const placeholders = found(text);
    assert.deepEqual(
      placeholders.map((p) => [p.text, text.slice(p.range.start, p.range.end)]),
      [
        ['[Owner Name]', '[Owner Name]'],
        ['[Due Date]', '[Due Date]'],
      ],
    );
  });

  test('a paragraph of hundreds of kilobytes is scanned whole', () => {
    const text = `${'word [Name] '.repeat(30_000)}\n`;
    assert.equal(found(text).length, 30_000);
  });

  test('a slot that gives an example after a one-word label is no literal list', () => {
    // `behavior, e.g., "…"` reads like tokens and a quoted string separated by commas.
    assert.deepEqual(texts('- **FR-005**: System MUST [behavior, e.g., "log all security events"]\n'), ['[behavior, e.g., "log all security events"]']);
    assert.deepEqual(texts('Pick [colour, i.e., "red"] here.\n'), ['[colour, i.e., "red"]']);
    assert.deepEqual(texts('It returns [a, b, c] and ["x", "y"].\n'), []);
  });

  test('escaped brackets are meant literally', () => {
    assert.deepEqual(texts('Options: \\[Option A\\] and \\[Option B\\].\n'), []);
  });

  test('front-matter values: flow-list placeholders, choices, dates; real lists are not', () => {
    const text = [
      '---',
      'feature_id: [SECTION.TASK_ID] # e.g., 3.2',
      'name: [Feature Name from Implementation Plan]',
      'status: [Draft|In Progress|Review|Complete]',
      'created: [YYYY-MM-DDTHH:mm:ss-04:00]',
      'due: YYYY-MM-DD',
      'title: "Spec for [Feature Name]"',
      'tags: [payments]',
      'owners: [ana, bo]',
      'notes: TBD',
      '---',
      '# Spec',
    ].join('\n');
    assert.deepEqual(
      found(text).map((p) => [p.kind, p.text, p.inFrontMatter]),
      [
        ['text', '[SECTION.TASK_ID]', true],
        ['text', '[Feature Name from Implementation Plan]', true],
        ['choice', '[Draft|In Progress|Review|Complete]', true],
        ['date', '[YYYY-MM-DDTHH:mm:ss-04:00]', true],
        ['date', 'YYYY-MM-DD', true],
        ['text', '[Feature Name]', true],
        ['todo', 'TBD', true],
      ],
    );
  });

  test('a front-matter value that is one word in angle brackets is a slot; in a longer value it is text', () => {
    const text = ['---', 'title: <Title>', 'authors:', '  - <Name>', 'command: run <file> now', 'quoted: "<b>"', '---', '# RFC', ''].join('\n');
    assert.deepEqual(
      found(text).map((p) => [p.kind, p.text, p.inFrontMatter]),
      [
        ['text', '<Title>', true],
        ['text', '<Name>', true],
      ],
    );
  });

  test('UTF-16 offsets after emoji, with CRLF and a BOM', () => {
    const text = '\uFEFF# 🚀 Launch\r\n\r\n😀😀 [Feature Name] 仕様 YYYY-MM-DD\r\n';
    for (const p of found(text)) assert.equal(text.slice(p.range.start, p.range.end), p.text);
    const [name, date] = found(text);
    assert.equal(name?.range.start, text.indexOf('[Feature'));
    assert.equal(date?.range.start, text.indexOf('YYYY'));
  });

  test('placeholders in table cells and headings, in document order, never overlapping', () => {
    const text = '## Phase 2: [Phase Name] (Week Y)\n\n| Task | Deliverable |\n|---|---|\n| 1.1 | [Task Description] |\n';
    const list = found(text);
    assert.deepEqual(list.map((p) => p.text), ['[Phase Name]', '[Task Description]']);
    for (let i = 1; i < list.length; i++) assert.ok(list[i]!.range.start >= list[i - 1]!.range.end);
  });
  test('spec-kit’s marker without brackets as a value is an open question; named in prose it is not', () => {
    const text = [
      '**Testing**: NEEDS CLARIFICATION (no test framework installed)',
      '',
      '| Gate | Result |',
      '|---|---|',
      '| Test-first | ⚠️ NEEDS CLARIFICATION - none installed |',
      '',
      'Scan the spec for NEEDS CLARIFICATION markers before planning.',
    ].join('\n');
    assert.deepEqual(found(text).map((p) => [p.kind, p.text]), [
      ['clarification', 'NEEDS CLARIFICATION'],
      ['clarification', 'NEEDS CLARIFICATION'],
    ]);
  });

  test('a numbered citation and a quoted TODO word are not placeholders', () => {
    const text = ['Masking needed a header version of 5 [1].', '', 'Issues would reference "TBD" instead of numbers.', '', '[1] [transaction.rs](https://example.com/tx.rs)', '', 'Owner: TBD'].join('\n');
    assert.deepEqual(texts(text), ['TBD']);
    assert.equal(found(text)[0]?.range.start, text.lastIndexOf('TBD'));
  });

  test("an alert's marker, a quotation's editorial brackets and a TODO that begins a compound in a script without spaces are not placeholders", () => {
    assert.deepEqual(texts('> [!WARNING]\n> This project moved.\n\n> [!note]\n> See the [Owner] field.\n'), ['[Owner]']);
    // A quotation that names its source: brackets in it are the quoting author's.
    assert.deepEqual(texts('> OKR [is] a method. Set over [a] [...] longer term.\n>\n> -- <cite>[What Matters](https://example.com/okr)</cite>\n'), []);
    assert.deepEqual(texts('> Initiatives [are] tasks [that are] required.\n> — Jane Doe, *Planning*\n'), []);
    // Without a source, or with a source still to fill, a quotation is a template's sample.
    assert.deepEqual(texts('> As a [role], I want to [action].\n'), ['[role]', '[action]']);
    assert.deepEqual(texts('> [What the customer said]\n> — [Customer name]\n'), ['[What the customer said]', '[Customer name]']);
    assert.deepEqual(texts('タグベースTODO管理アプリ。\n\nTODO: 仕様を書く\n\nここはTODO。\n'), ['TODO', 'TODO']);
  });

  test('a value in a list of sample amounts, an object member in a template string and a date mask naming the format are not placeholders', () => {
    assert.deepEqual(texts('Groceries [-100.00, -50.00], Restaurants [-75.00], Transport [25].\n'), []);
    assert.deepEqual(texts('Message: "Cannot start (position: ${t.index}, status: ${t.status})"; owner ${OWNER}.\n'), ['${OWNER}']);
    assert.deepEqual(texts('- **Date Format**: ISO format (YYYY-MM-DD) in database\n- Dates are formatted as YYYY-MM-DD.\n- Date: YYYY-MM-DD\n'), ['YYYY-MM-DD']);
    // Written in lower case too, as some templates write it; `yyyy-mm-dd-x` or `myyyyy-mm-dd` is not a mask.
    assert.deepEqual(texts('- creation date: yyyy-mm-dd\n- format: yyyy-mm-dd\n- myyyyy-mm-dd, yyyy-mm-dd-slug\n'), ['yyyy-mm-dd']);
  });
  test('notation around a bracket is not a slot; a template\'s slots in the same places still are', () => {
    assert.deepEqual(texts('Pages in app/services/[id]/page.tsx, pages/[slug].tsx and app/[...all].ts\n'), []);
    assert.deepEqual(texts('Classes min-h-[44px] and [Behavior]Tests, the [Encrypted] attribute, [Collection("Web")]\n'), []);
    assert.deepEqual(texts("- [~] in progress\n- [/] moved\n\nwhereIn('id', [$id1, $id2]) returns [{ rank }]; type: 'a' | 'b' | 'c'\n"), []);
    assert.deepEqual(texts('See [review #46 M2 / #45 M2], [Spec §FR-012], **[NEW]** and **[unchanged]**.\n'), []);
    assert.deepEqual(texts('### [MODIFY] SQLToolbar.tsx\n\n### [DELETE] old/Toolbar.tsx\n\n- **[CREATE]** src/api.ts, [Component] in [File]\n'), ['[Component]', '[File]']);
    assert.deepEqual(texts('タイトル「保護動物情報 - [条件]」を含める。The inline follow-up TODO referencing #41.\n'), []);
    assert.deepEqual(texts('Create src/models/[entity].py in specs/[###-feature]/ as ADR-[NNNN]: [Feature Name]\n'), ['[entity]', '[###-feature]', '[NNNN]', '[Feature Name]']);
  });

  test("a site generator's shortcodes, ranges, addresses, quoted arrays, requirement levels and links Markdown did not take are not slots", () => {
    assert.deepEqual(texts('{{% alert color="warning" %}}\nBeware.\n{{% /alert %}}\n\n{{< readfile file="/x.yaml" >}} and {{ .Values.image }}, but {{title}}\n'), ['{{title}}']);
    assert.deepEqual(texts('Pick a random integer in [0..9], a size in [1..n]; a score in [1-5]\n'), ['[1-5]']);
    assert.deepEqual(texts('Listen on [::1] and [2001:db8:1f70::999:de8:7648:6e8]:443\n'), []);
    assert.deepEqual(texts('- `command` ["exec" "arg1" "arg2"] format\n- [Option A | Option B]\n'), ['[Option A | Option B]']);
    assert.deepEqual(texts('## Goals\n\n* [MUST] Store the timestamp.\n* [SHOULD NOT] Break clients.\n'), []);
    assert.deepEqual(texts('- [Intro](#Intro Text)\n- [Error Handling]https://example.com/errors\n- see the [KEP](3. Provide a control.)\n'), []);
    // A template's link that names what it wants is still a slot.
    assert.deepEqual(texts('- [Link type](link to adr)\n'), ['[Link type]']);
  });

  test("controls drawn in text, severity tags, regular expressions, tuples, files by path, Rust attributes and fields side by side are not slots", () => {
    assert.deepEqual(texts('- Each section has [▼] (expanded) or [▶] (collapsed); click the [✎] icon.\n- Badges: [🔴 HIGH], [🟡 MEDIUM]; [All Materiality ▾] and [View S-4 >]\n'), []);
    assert.deepEqual(texts('### A-1 [HIGH] Authority transfer events missing\n\n### A-2 [LOW] No-op migration\n'), []);
    assert.deepEqual(texts('- canonical_id matches ^[a-z]+:.+$ and [A-Za-z0-9_]; returns [("Groceries", 200.00)]\n'), []);
    assert.deepEqual(texts('**Spec**: [specs/003-llm-service/spec.md] and [/specs/005-voice/spec.md], not [path/to/your-file.md]\n'), ['[path/to/your-file.md]']);
    assert.deepEqual(texts('- #[test] unit tests, #[derive(Debug)] types; PR #[number]\n'), ['[number]']);
    assert.deepEqual(texts('**版本**：1.9.0 | **建立日期**：2026-04-09 | **狀態**：Draft\n'), []);
  });

  test('tags a text explains, ID patterns, state transitions and annotated values are not slots', () => {
    assert.deepEqual(texts('- Items marked [Security] need attention; tasks labelled [P] run in parallel; [US#] and [US*] name stories.\n'), []);
    assert.deepEqual(texts('- open → in_progress | blocked | done\n- role: owner | admin | viewer（required）\n- [Draft | Final]\n'), ['[Draft | Final]']);
  });

  test('parts of a name the sentence defines, quoted after "where", are not slots; an unquoted condition is', () => {
    assert.deepEqual(
      texts('Files are named "[verb]\\_[the-nouns].md", where "[verb]" is the action the decision focus\non and "[the-nouns"] are a hyphenated sequence of nouns.\n'),
      [],
    );
    assert.deepEqual(texts('Given a state where [condition] is met, the job retries.\n'), ['[condition]']);
  });

  test('a standard cited by its number, an interval, and a date mask named as a format after it are not slots', () => {
    assert.deepEqual(texts('Token Exchange [RFC 8693] and JWT grants [RFC 7523]; times as [ISO 8601].\n'), []);
    assert.deepEqual(texts('- jitter adds a random offset (e.g., [0%, +20%]) to the period, within [1, 10]\n'), []);
    assert.deepEqual(texts('- Add date-based log file naming with YYYY-MM-DD format\n'), []);
    assert.deepEqual(texts('- Released: YYYY-MM-DD\n- See [RFC number]\n'), ['YYYY-MM-DD', '[RFC number]']);
  });

  test('a Pandoc citation key and an array of names in code are not slots; a handle to give and a choice of code values are', () => {
    assert.deepEqual(texts("Gall's Law [@gall1977systemantics]: a complex system that works evolved.\n"), []);
    assert.deepEqual(texts('As argued before [see @doe99, pp. 33-35; @smith2004].\n'), []);
    assert.deepEqual(texts('* Support configuration as an array of objects (`name`, [`value`, `valueFrom`])\n'), []);
    assert.deepEqual(texts('- Owner: [@username]\n- Default: [`true` | `false`]\n'), ['[@username]', '[`true` | `false`]']);
  });

  test('TBA and TBC as a whole value are slots, marking an item tentative they are not; a day not known yet is a slot', () => {
    assert.deepEqual(texts('1. Shared memory\n1. TBA\n\n* RFC PR: TBA\n'), ['TBA', 'TBA']);
    assert.deepEqual(texts('- TBC: creation of a headless demo.\n\nExact steps TBC in line with planning; still "TBA".\n'), []);
    assert.deepEqual(texts('Created: 2023-08-**\nUpdated: 2024-03-XX\n'), ['2023-08-**', '2024-03-XX']);
  });

  test("a TOML table named with its keys after it, or dotted with hyphens, is not a slot; a field's slot is", () => {
    assert.deepEqual(texts('- [project.optional-dependencies]: dev dependencies (pytest)\n- [build-system]: requires = ["hatchling"], build-backend = "hatchling.build"\n'), []);
    assert.deepEqual(texts('- Owner: [name]\n- [feature]: describe it\n'), ['[name]', '[feature]']);
  });

  test('a date mask in the ISO order written in another language is a date slot: ÅÅÅÅ-MM-DD, JJJJ-MM-TT, AAAA-MM-JJ, ГГГГ-ММ-ДД', () => {
    assert.deepEqual(texts('- Vedtatt: ÅÅÅÅ-MM-DD\n- Datum: JJJJ-MM-TT\n- Date : AAAA-MM-JJ\n- Fecha: AAAA-MM-DD\n- Дата: ГГГГ-ММ-ДД\n'), ['ÅÅÅÅ-MM-DD', 'JJJJ-MM-TT', 'AAAA-MM-JJ', 'AAAA-MM-DD', 'ГГГГ-ММ-ДД']);
    assert.equal(dateForMask('JJJJ-MM-TT', '2026-12-07'), '2026-12-07');
  });

  test('a date mask in angle brackets, which Markdown reads as a tag, is a date slot', () => {
    assert.deepEqual(texts('Статус: Draft\nДата: <YYYY-MM-DD>\n'), ['YYYY-MM-DD']);
  });

  test("an alert's marker written with the `!` outside its brackets is not a slot", () => {
    assert.deepEqual(texts('> ![NOTE]\n> These distinctions are common patterns.\n\n> [!WARNING]\n> Careful.\n'), []);
    assert.deepEqual(texts('- Status: [NOTE TAKER]\n'), ['[NOTE TAKER]']);
  });

  test('an address in brackets (a link written the wrong way round) is not a slot; one with a mask in it is', () => {
    assert.deepEqual(texts('`null` means "Devoid of\nvalue"(link)[https://yaml.org/type/null.html] in json.\n'), []);
    assert.deepEqual(texts('- Tracking issue: [https://github.com/acme/app/issues/XXX]\n'), ['[https://github.com/acme/app/issues/XXX]']);
  });

  test('regular expressions before a quantifier, links set apart by a space, configuration sections and a format in parentheses are not slots', () => {
    assert.deepEqual(texts('- validates against ^[A-Za-z0-9_-]{1,64}$ via a [kubebuilder] (https://book.kubebuilder.io/) project\n- Cargo.toml [lints] and the [worktree] section\n'), []);
    assert.deepEqual(texts('- `startDate`（YYYY-MM-DD，公司時區）\n- Created (YYYY-MM-DD)\n- `date`：必填，格式 YYYY-MM-DD\n- Date: YYYY-MM-DD\n'), ['YYYY-MM-DD']);
  });

  test('states and severities tagged onto items and headings, changelog sections, Ruby symbols and the rest of a list in data are not slots', () => {
    assert.deepEqual(texts('- [ ] **T049** Migrate the data **[DEFERRED]**\n- [ ] 1 [high] Collect approval; 2 [medium] Resolve the gate\n\n### Contract Tests [Parallel]\n'), []);
    assert.deepEqual(texts('- Update CHANGELOG.md under [Unreleased] and the [1.20.1] section\n- resources :items, only: [:index, :show]\n- Return { total_count:, items: [...] }\n'), []);
    assert.deepEqual(texts('- Status: [Pending approval]\n- See [...] for more [...]\n'), ['[Pending approval]', '[...]']);
  });

  test("a protocol's notation and a table of contents' unlinked entries are not slots", () => {
    assert.deepEqual(texts('> 2. plugin -> Cilium, ask for [prog ID + BTF type ID]s\n> 3. send [link ID + program name]s\n'), []);
    assert.deepEqual(texts('- Send LOCK([T]) then UNLOCK([T]); HaltNonHosted([T…]) drains types [T...]. Only [T] moved, by [X]%.\n'), ['[T]', '[X]']);
    assert.deepEqual(texts('* [Example](#example)\n* [Implementation](#implementation)\n  + [Change in Policy Behaviour]\n  + [Activity Status Report]\n'), []);
    assert.deepEqual(texts('- [Goals](#goals)\n- [Non-Goals]\n\n## Goals\n\n- [Goal 1]\n- [Goal 2]\n'), ['[Goal 1]', '[Goal 2]']);
  });
});


describe('slots templates write in other forms', () => {
  test('words in angle brackets are a slot; a tag, a type, a comparison and an autolink are not', () => {
    const text = [
      '# Angle',
      '',
      'We will <the decision>, because <the primary reason it beats the alternatives>.',
      '',
      'Year <年份>, board <PCB 制板？>.',
      '',
      'Press <kbd>Ctrl</kbd>, <details open>, `<not in code>`, Promise<Result>, a < b and c > d, <version>, <https://example.com>, <br>.',
      '',
    ].join('\n');
    assert.deepEqual(texts(text), ['<the decision>', '<the primary reason it beats the alternatives>', '<年份>', '<PCB 制板？>']);
  });

  test('words in angle brackets alone on a line, which Markdown reads as an HTML block, are a slot; a tag there is not', () => {
    const text = ['# Scope', '', '## Out of Scope', '', '- <explicitly excluded items>', '', '<details open>', '', '<my-widget size large>', ''].join('\n');
    assert.deepEqual(texts(text), ['<explicitly excluded items>']);
  });

  test("one word in angle brackets holding a number's mask is a slot; a custom element's lower-case name is not", () => {
    const text = ['# Spec', '', 'Delivery: <NNN-slug>, file <XXXX>; a <my-widget> and a <nnn-slug> element.', ''].join('\n');
    assert.deepEqual(texts(text), ['<NNN-slug>', '<XXXX>']);
  });

  test('a priority code with its severity tagging a heading is no slot; a longer choice list in angle brackets is one', () => {
    const text = [
      '---',
      'applies-to: <bus | capabilities | interfaces | toolkit | compositor | broker | packaging | budgets | base-boundary | governance>',
      '---',
      '# Spec',
      '',
      '### US1: Deterministic runner [P0 - Critical]',
      '',
      '### US3: Deployment patterns [P2 - Critical/High]',
      '',
      '### US4: Something [P1 - Describe the priority]',
      '',
    ].join('\n');
    assert.deepEqual(texts(text), ['<bus | capabilities | interfaces | toolkit | compositor | broker | packaging | budgets | base-boundary | governance>', '[P1 - Describe the priority]']);
  });

  test("one hyphenated word in angle brackets asking for the reader's own value is a slot", () => {
    const text = ['# RFC', '', '**Author:** <your-name>', '', '**Date:** <todays-date>', '', 'A <user-card> element.', ''].join('\n');
    assert.deepEqual(texts(text), ['<your-name>', '<todays-date>']);
  });

  test('a number mask as the whole value of a field naming a number or an ID is a slot, in a block quote too', () => {
    const text = ['# Spec', '', '> Spec ID: NNN', '> Status: draft | in-progress | shipped', '', '**ADR Number**: XXXX', '', 'IDs look like NNN or XXX.', ''].join('\n');
    assert.deepEqual(texts(text), ['NNN', 'draft | in-progress | shipped', 'XXXX']);
  });

  test('a date mask in another order is a slot as a value, not where it names how dates are shown', () => {
    const text = [
      '# Dates',
      '',
      '- [ ] MM/DD/YYYY: Proposed idea in an issue',
      '- **Date**: DD.MM.YYYY',
      '- Dates display as DD/MM/YYYY.',
      '- **Standard Format**: MM/DD/YYYY (e.g., "06/29/2026")',
      '',
      '| Event | Date |',
      '|---|---|',
      '| Review | YYYY/MM/DD |',
      '',
    ].join('\n');
    const dates = found(text);
    assert.deepEqual(dates.map((p) => [p.text, p.kind]), [['MM/DD/YYYY', 'date'], ['DD.MM.YYYY', 'date'], ['YYYY/MM/DD', 'date']]);
    assert.deepEqual(texts('---\ndate: MM/DD/YYYY\n---\n\n# X\n'), ['MM/DD/YYYY']);
    assert.deepEqual(texts('# X\n\nThe review is on [MM/DD/YYYY] with the team.\n'), ['[MM/DD/YYYY]'], 'in brackets, anywhere');
    assert.deepEqual(texts('# X\n\n* Date: Month DD, YYYY\n\nDates are shown in Month DD, YYYY form.\n'), ['Month DD, YYYY'], 'written out, as a value');
    // A month's mask, as a front-matter value (`since: YYYY-MM`); named as a format in prose, it is none.
    assert.deepEqual(texts('---\nsince: YYYY-MM\nreviewed: yyyy-mm\n---\n\n# X\n\n- Dates stored as YYYY-MM (month precision)\n- Created: YYYY-MM-DD\n'), ['YYYY-MM', 'yyyy-mm', 'YYYY-MM-DD']);
  });

  test('a template’s example person in a field that names people; a story’s persona is not one', () => {
    const text = [
      '---',
      'authors:',
      '  - "@janedoe"',
      'reviewers:',
      '  - "@YYY"',
      '  - "@oscardoe"',
      '  - "@main-reviewer-1"',
      '  - "@maybe-another-author"',
      '  - "@you"',
      'iep-number: NNNN',
      'see-also:',
      '  - "/docs/proposals/20190101-we-heard-you-like-proposals.md"',
      '  - "/keps/sig-aaa/1234-we-heard-you-like-keps"',
      'replaces:',
      '  - "/docs/enhancements/20181231-replaced-kep.md"',
      'superseded-by:',
      '  - "/docs/proposals/20190104-superceding-proposal.md"',
      'creation-date: 20XX-XX-XX',
      'summary: Jane Doe asks @janedoe',
      '---',
      '',
      '# People',
      '',
      '- **Authors**: @your-handle, Jane Doe',
      '- Owner: Your Name <your@email.com>',
      '- Author: Ana <ana@example.org>',
      '',
      'Given Jane Doe signs in as jane@example.com, she sees her name.',
      '',
      '| Field | Value |',
      '|---|---|',
      '| Authors | @your-handle |',
      '| Tester | @your-handle |',
      '',
    ].join('\n');
    assert.deepEqual(texts(text), ['@janedoe', '@YYY', '@oscardoe', '@main-reviewer-1', '@maybe-another-author', '@you', 'NNNN', '/docs/proposals/20190101-we-heard-you-like-proposals.md', '/keps/sig-aaa/1234-we-heard-you-like-keps', '/docs/enhancements/20181231-replaced-kep.md', '/docs/proposals/20190104-superceding-proposal.md', '20XX-XX-XX', '@your-handle', 'Jane Doe', 'Your Name', '@your-handle']);
    // A real handle that has a role's word in it is no example: `@authority-bot`, `@reviewer-bot`.
    assert.deepEqual(texts('---\nreviewers:\n  - "@reviewers-bot"\n  - "@authority"\n  - "@maintainers"\n  - "@reviewers"\n---\n\n# X\n'), []);
  });

  test('a TODO named inside a sentence is a word; one left on its own, or TBD saying what is undecided, is not', () => {
    const text = [
      '# Tasks',
      '',
      '- [x] Replace TODO in apply_entries with the state machine call',
      '- [ ] 检查代码中的 TODO 和 FIXME',
      '- Use the layout from the TODO document.',
      '- Sender tarafı hiç dokunulmamış — yorumdaki TODO öylece kalmış.',
      '- TODO write the tests',
      '- Owner: TODO',
      '- Production scale TBD with the backend team.',
      '',
    ].join('\n');
    assert.deepEqual(texts(text), ['TODO', 'TODO', 'TBD']);
  });

  test('a date not known yet, a Jira ticket numbered zero and the optional tag of a heading', () => {
    const text = '# Record\n\n- Date: 2025-04-??\n- Ticket: [BLUE-0000](https://jira.example.org/browse/BLUE-0000)\n\n## Open Questions [optional]\n\n### [Optional] Goals\n\n[optional] notes.\n';
    assert.deepEqual(texts(text), ['2025-04-??', '[BLUE-0000](https://jira.example.org/browse/BLUE-0000)', '[optional]']);
  });

  test("a heading's tag saying when its section is due is no slot: `[if necessary]`, `[if needed]`", () => {
    const text = '# Proposal\n\n#### Removing a deprecated feature [if necessary]\n\nNot applicable.\n\n#### Upgrade Strategy [If Needed]\n\nRolling upgrade.\n\nAdd docs [if necessary].\n';
    assert.deepEqual(texts(text), ['[if necessary]']);
  });
});

describe('a date mask in another order is filled in that order', () => {
  test('the fix writes today as the mask asks, and a template snippet and a new document do too', async () => {
    const { lintText } = await import('../../server/src/core/lint/lint');
    const { dateForMask, orderedDate } = await import('../../server/src/core/parse/placeholders');
    const text = '# Dates\n\n- Date: DD.MM.YYYY\n- Day: MM/DD/YYYY\n- ISO: YYYY-MM-DD\n';
    const fixes = lintText(text, { path: 'notes/dates.md', now: new Date('2026-12-06T10:00:00Z') })
      .filter((finding) => finding.ruleId === 'unfilled-placeholder')
      .map((finding) => finding.fixes?.[0]?.title);
    assert.deepEqual(fixes, ['Set to today, `06.12.2026`', 'Set to today, `12/06/2026`', 'Set to today, `2026-12-06`']);
    assert.equal(dateForMask('yyyy/mm/dd', '2026-12-06'), '2026/12/06');
    assert.equal(dateForMask('YYYY-MM', '2026-12-06'), '2026-12', 'a month’s mask takes the month');
    assert.equal(orderedDate('YYYY-MM-DD', '2026', '12', '06'), undefined, 'an ISO mask keeps the ISO fill');
  });
});

describe('forms read from the twenty-second blind set', () => {
  test('an ellipsis in brackets as a whole line goes on a list; a repository named in brackets is no choice list', () => {
    assert.deepEqual(texts('## Drivers\n\n- [Driver 1, e.g., a force]\n- […]\n- [...]\n'), ['[Driver 1, e.g., a force]']);
    assert.deepEqual(texts('- [ ] Documentation has been created in [pingcap/docs-tidb-operator]\n- Answer: [yes/no]\n'), ['[yes/no]']);
  });

  test('a to-do app’s states and badges, and a route’s parameter a sentence names, are not slots', () => {
    const text = [
      '1. THE board SHALL show four columns: TODO, IN PROGRESS, DONE, and OVERDUE',
      '2. THE board SHALL show badges: todo as "[ TODO ]", done as "[ COMPLETE ]", overdue as "[ OVERDUE ]"',
      '3. THE board SHALL serve task pages at "/tasks/[id]" where [id] is the task identifier',
      '4. The owner is [ TBD ] and the review is on [date].',
    ].join('\n');
    assert.deepEqual(texts(text), ['[ TBD ]', '[date]']);
    // A class of characters by its ranges: a board's columns `[a-h]` and rows `[1-8]`.
    assert.deepEqual(texts('- Cell IDs are a column [a-h] and a row [1-8], or [A-Za-z0-9] in general; the owner is [name].\n- Give a score in [1-5].\n'), ['[name]', '[1-5]']);
  });

  test('a mark of withheld text and an issue’s tag quoted beside its link are not slots; a status list holding a link is one', () => {
    assert.deepEqual(texts('- **666**: [CLASSIFIED] - Haunted Mode\n- The key is [REDACTED]; the owner is [name].\n'), ['[name]']);
    const issues = [
      '- [Debugger] Active sessions deadlock the kernel [#10174](https://github.com/jupyterlab/jupyterlab/issues/10174)',
      '- [Component] Describe the issue [#1](https://github.com/o/r/pull/1)',
      '- [Component] Describe the issue, then link it',
    ].join('\n');
    assert.deepEqual(texts(issues), ['[Component]']);
    assert.deepEqual(texts('# ADR NNNN: Title\n\n**Status:** proposed | accepted | superseded by [ADR-XXXX](XXXX-other.md)\n').slice(-1), ['proposed | accepted | superseded by [ADR-XXXX](XXXX-other.md)']);
    // A to-do word that abbreviates the words before it: "Trunk-Based Development (TBD)".
    assert.deepEqual(texts('* Trunk-Based Development (TBD)\n* Owner (TBD)\n* Release date (TBD)\n'), ['TBD', 'TBD']);
    // A row of links to other documents is a way there, not a choice.
    assert.deepEqual(texts('[spec.md](../spec.md) | [quickstart.md](../quickstart.md)\n'), []);
  });

  test("the environment's paths, a template's brackets around written values and a proposal's parts are not slots", () => {
    // `${CLAUDE_PLUGIN_ROOT}`: a setting of the environment a path is read from; `${FEATURE_NAME}` and `${name}` are still slots.
    assert.deepEqual(texts('- 全パスを${CLAUDE_PLUGIN_ROOT}と${CLAUDE_PROJECT_DIR}ベースで記述\n- Call ${API_BASE}/users with ${GITHUB_TOKEN}\n- Name it ${FEATURE_NAME} or ${name}\n'), ['${FEATURE_NAME}', '${name}']);
    // MADR's header with its brackets kept around the values written into them.
    assert.deepEqual(texts('- Deciders: [@rocketnova, @microwavenby]\n- Date: [2022-12-08]\n- Owner: [name]\n- Date: [YYYY-MM-DD]\n- Due: [2022-13-45]\n- Reviewer: [@your-handle]\n'), ['[name]', '[YYYY-MM-DD]', '[2022-13-45]', '[@your-handle]']);
    // A document's number not given yet, as a field's whole value; in prose, the pattern IDs follow.
    assert.deepEqual(texts('**CP-ID**: CP-NNN\n- RFC: RFC-XXXX\n- Requirements must follow FR-XXX or NFR-XXX pattern\n- Merged by ID (FR-XXX, NFR-XXX)\n\n| ID | Title |\n| --- | --- |\n| FR-XXX | [title] |\n'), ['CP-NNN', 'RFC-XXXX', 'FR-XXX', '[title]']);
    // What a proposal touches, named part by part; a status choice list is still one.
    assert.deepEqual(texts('- **Touches:** barca-core | python/barca | HTTP server (scheduler)\n- **Touches:** barca-cli | barca-core\n- **Status:** draft | accepted | superseded-by-adr\n'), ['draft | accepted | superseded-by-adr']);
  });

  test('reference definitions run on along one line are no slots; a date of x’s is one', () => {
    assert.deepEqual(texts('[s4]: ../../architecture/04.md [s5]: ../../architecture/05.md [a2]: https://example.com/a2 [b]: #top\n'), []);
    assert.deepEqual(texts('| Date | Step |\n| --- | --- |\n| xxxx-xx-xx | Support the next customer |\n| 2022-02-16 | Design done |\n'), ['xxxx-xx-xx']);
    assert.deepEqual(texts('- Status: [Draft]: see the review\n'), ['[Draft]']);
  });

  test('a to-do word a question asks about is no marker; one standing for a value is', () => {
    assert.deepEqual(texts('Optional, but suggested for first drafts. What parts of the design are still\nTBD?\n'), []);
    assert.deepEqual(texts('- Owner: TBD\n- Date: TBD?\n'), ['TBD', 'TBD']);
  });

  test('a Go template’s one field is a variable; its action on data is not', () => {
    const [field, ...rest] = found('# {{.Title}}\n\nSet {{ .Values.image }} and {{ .Release.Name }}.\n');
    assert.deepEqual([field?.text, field?.kind, field?.label, rest.length], ['{{.Title}}', 'variable', 'Title', 0]);
  });

  test('angle brackets escaped to be shown are a slot; an escaped comparison is not', () => {
    assert.deepEqual(texts('# Enhancement Proposal-\\<issue number\\>\n\n- Issue: \\<link to issue\\>\n- When a \\< b and c \\> d, stop.\n- Owner: <owner name>\n'), [
      '\\<issue number\\>',
      '\\<link to issue\\>',
      '<owner name>',
    ]);
    // A run-time slot of a quoted string, and the sentence that says what it stands for.
    assert.deepEqual(texts('We display “Alias of \\<aliased page title\\>”, where \\<aliased page title\\> would be a link to it.\n'), []);
  });
});

describe('forms read from the thirtieth blind set', () => {
  test('a slice type, a type argument and a borrowed slice are not slots; a bracket of words still is', () => {
    assert.deepEqual(texts('### Why Box<[u8]> Instead of Arc<Vec<u8>>?\n\n- Hash the `&[u8]` of each key: &[Item] in, [u8; 32] out, stored as [i64]\n- Owner: [Team Name]\n'), ['[Team Name]']);
  });

  test("a message's format written as key: value pairs holds variables, not slots", () => {
    const row = '| Successful Match | scenario: SUCCESS_MATCH, levelOfAssurance: ${specified loa}, pid: ${specified PID} |\n';
    const list = '- scenario: ACCOUNT_CREATION, attributes: [${user attributes}]\n';
    // One field alone, or a label written as prose, is no message: the variable is a slot.
    assert.deepEqual(texts(`| Case | Message |\n| --- | --- |\n${row}\n${list}\n- Owner: \${team name}\n- pid: \${specified PID}\n`), ['${team name}', '${specified PID}']);
  });

  test("a link whose address is a note to write it is a slot, link text and all; a second document's number not given yet is one", () => {
    assert.deepEqual(texts('Follow the [Kaa logging standards](<!--TODO-->) and [the runbook](TODO); see [the guide](https://example.com/guide).\n'), ['[Kaa logging standards](<!--TODO-->)', '[the runbook](TODO)']);
    assert.deepEqual(texts('- Requires: RFC-XXXX\n- Enables: RFC-YYYY\n'), ['RFC-XXXX', 'RFC-YYYY']);
  });

  test("a template's generic sample items are slots; a bold phase over its own steps, a cell and a named item are not", () => {
    const text = '## Tasks\n\n- [ ] Task 1\n- [x] Task 2\n\n1. Question 1?\n   - Possible Answer A\n   - **Resolution:** decided\n\n- **Phase 1**\n  - Build the importer\n- **Option B**\n- Step 3: run the importer\n- Phase 1 of the rollout\n\n| Phase 1 | done |\n| --- | --- |\n| Task 1 | x |\n';
    assert.deepEqual(texts(text), ['Task 1', 'Task 2', 'Question 1?', 'Possible Answer A', '**Option B**']);
  });
});

describe('forms read from the thirty-first blind set', () => {
  test("a Rust attribute written without its `#` is no slot; a bracket with a plural's `(s)` still is", () => {
    assert.deepEqual(texts('Do it with a combination of [repr(C)], [cfg(test)] and unsafe code.\n\n- Reviewers: [reviewer(s)]\n'), ['[reviewer(s)]']);
  });

  test('a link to a bare `#` is a slot; a link to a heading is not', () => {
    assert.deepEqual(texts('- [GIP Repository](#)\n- [Discussion Forum](#)\n- [Motivation](#motivation)\n'), ['[GIP Repository](#)', '[Discussion Forum](#)']);
  });

  test("a reason left out after `because` is a slot, MADR's bare template's stubs; a reason written is not", () => {
    assert.deepEqual(texts('Chosen option: "", because\n\n* Good, because\n* Bad, because\n* Neutral, because it changes nothing\n* Good, because\n  it is fast\n'), ['Chosen option: "", because', 'Good, because', 'Bad, because']);
  });

  test("a table of contents' title entry over its linked entries is no slot", () => {
    assert.deepEqual(texts('# Adding Quota Validation\n\n## Table of Contents\n\n* [Adding Quota Validation]\n  * [Table of Contents](#table-of-contents)\n  * [Glossary](#glossary)\n\n## Glossary\n\nQuota: a limit.\n'), []);
  });
});

describe('forms read from the thirty-second blind set', () => {
  test('variables a line speaks of as such are syntax the document defines; one left to fill is a slot', () => {
    assert.deepEqual(
      texts('1. THE Profile_Manager SHALL support template variables in the format {{variableName}}\n2. It SHALL provide these standard variables: {{specName}}, {{specPath}}\n- **Template_Variable**: A placeholder in a prompt template (e.g., {{specName}})\n- Owner: {{ownerName}}\n- [Item] and {{variable}}\n'),
      ['{{ownerName}}', '[Item]', '{{variable}}'],
    );
  });

  test("MADR's braced slots in live front matter, which YAML reads as a mapping, are slots; a mapping is not", () => {
    const text = '---\nstatus: accepted\ndeciders: {list everyone involved in the decision: null}\nconsulted: {list everyone whose opinions are sought}\nmeta: {key: value}\n---\n# Use PostgreSQL\n';
    assert.deepEqual(texts(text), ['{list everyone involved in the decision: null}', '{list everyone whose opinions are sought}']);
  });
});

describe('forms read from the thirty-seventh blind set', () => {
  test('a TODO named as a thing after an article is no marker; one left in still is', () => {
    assert.deepEqual(texts('- Overall status: PASS with a minor TODO. The spec is ready.\n- One TODO left in the plan.\n- Owner: TODO\n\nTODO: write the tests.\n\n- Review: passed. One TODO.\n'), ['TODO', 'TODO']);
  });

  test("a noun alone in angle brackets is a slot as a field's whole value, even one that names an element; a tag in prose is not", () => {
    const text = ['- Similar composition: <path>', '- Related ADR: <link>', '- **Owner**: <name>', '- Wrap the list in <section> and use <link> in the head.', '- Element: <div>', '- Title: <title> is set by the page.'].join('\n');
    assert.deepEqual(texts(text), ['<path>', '<link>', '<name>']);
  });

  test('words in angle brackets set in emphasis are a slot', () => {
    assert.deepEqual(texts('<enumerated list of use cases>\n\n<*include full examples*>\n\nSee <**more here**> and a pointer <*const T>.\n'), ['<enumerated list of use cases>', '<*include full examples*>', '<**more here**>']);
  });

  test("an example handle in a table column of people is a slot; in another column it is not", () => {
    const table = '| Authors | Creation Date | Status | Note |\n|---|---|---|---|\n| @name | 2024-01-02 | Implementable | @name |\n| @username | 2024-01-03 | Draft | - |\n';
    assert.deepEqual(texts(table), ['@name', '@username']);
    assert.deepEqual(texts('Set it with `@name = value`; the handle @name is ours.\n'), []);
  });

  test("a link whose text is a number's mask is a slot, link and all; a real number is not", () => {
    assert.deepEqual(texts('**Issue:** [#XXX](https://github.com/o/r/issues/XXX)\n\n**Spec:** [SPEC-XXX](spec.md), after [ADR-0012](adr/0012.md) and [#123](https://github.com/o/r/issues/123)\n'), [
      '[#XXX](https://github.com/o/r/issues/XXX)',
      '[SPEC-XXX](spec.md)',
    ]);
  });

  test('a link whose text is words in braces is a slot, link and all', () => {
    assert.deepEqual(texts('- [{trace label}](https://example.com/traces/{id}) — {what it showed}\n- [{id}](https://example.com/a) and [Trace 7](https://example.com/traces/7)\n'), ['[{trace label}](https://example.com/traces/{id})']);
  });
});
