// The sandbox's stand-in for Jira's own pages. Plain DOM code: it is the host, not part of the app.
const $ = (selector) => document.querySelector(selector);
let state;
let selectedIssue = 'OPS-1';
let openFrameId;

async function api(path, body = {}) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.error);
  return json.result;
}

const user = () => $('#user').value;
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    // data-* and ARIA names are attributes, everything else (textContent, onclick, …) a property.
    if (name.startsWith('data-') || name.startsWith('aria-') || name === 'role')
      node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children);
  return node;
};

async function refresh() {
  if (!$('#user').options.length) {
    for (const u of (await api('/api/state')).users)
      $('#user').append(el('option', { value: u.accountId, textContent: u.displayName }));
    $('#user').value = 'dev-dana';
  }
  // The page as the chosen person sees it: only the transitions they may make.
  state = await api('/api/state', { accountId: user() });
  renderIssues();
  renderIssue();
  renderRules();
  renderAudit();
  $('#notification-count').textContent = String(state.notifications);
}

function renderIssues() {
  $('#issue-list').replaceChildren(
    ...state.issues.map((issue) =>
      el(
        'li',
        {},
        el('a', {
          className: 'issue-link',
          textContent: `${issue.key} ${issue.summary}`,
          onclick: () => {
            selectedIssue = issue.key;
            renderIssue();
          },
        }),
        ' ',
        el('span', { className: 'status', textContent: issue.status }),
      ),
    ),
  );
}

/** Each post-function's outcome as the app recorded it in its audit log: applied, skipped (why) or failed (why). */
const OUTCOME_WORDS = {
  applied: 'applied',
  skipped: 'skipped',
  failed: 'failed',
  retrying: 'still retrying',
};
function postFunctionItem(p) {
  const after = p.deliveries > 1 ? ` (after ${p.deliveries} deliveries)` : '';
  const why = p.outcome === 'failed' && p.error ? p.error : p.summary;
  // A fallback is not a plain success: the app acted because the person could not (the summary says why).
  const fallback = p.fallback && p.outcome === 'applied';
  const words = fallback ? 'applied by the app instead (fallback)' : (OUTCOME_WORDS[p.outcome] ?? p.outcome);
  return el(
    'li',
    { className: `outcome ${fallback ? 'fallback' : p.outcome}`, 'data-testid': 'post-function-outcome' },
    el('strong', { textContent: `${p.rule}: ${words}${after}` }),
    p.actedAs ? ` (${p.actedAs})` : '',
    ` — ${why}`,
  );
}

function doneMessages(result) {
  const limited = result.jira.rateLimited
    ? ` Jira answered ${result.jira.rateLimited} of ${result.jira.calls} calls with 429; the app waited as asked and retried.`
    : '';
  const failed = result.postFunctions.some((p) => p.outcome !== 'applied' && p.outcome !== 'skipped');
  return [
    el('div', { className: 'message ok', textContent: `Transition done.${limited}` }),
    ...(result.postFunctions.length
      ? [
          el(
            'div',
            { className: `message ${failed ? 'error' : 'info'}`, ...(failed ? { role: 'alert' } : {}) },
            'Post-functions:',
            el('ul', {}, ...result.postFunctions.map(postFunctionItem)),
          ),
        ]
      : []),
  ];
}

function renderIssue(result) {
  const issue = state.issues.find((i) => i.key === selectedIssue);
  const description = el('textarea', {
    id: 'transition-description',
    placeholder: 'Description, as typed on the transition screen (leave empty to keep the issue’s)',
  });
  const buttons = issue.transitions.map((t) =>
    el('button', {
      className: 'primary',
      textContent: t.name,
      onclick: () => transition(t.id, description.value),
    }),
  );
  const messages = result
    ? result.ok
      ? doneMessages(result)
      : result.messages.map((m) => el('div', { className: 'message error', role: 'alert', textContent: m }))
    : [];
  $('#issue').replaceChildren(
    el('h2', { textContent: `${issue.key}: ${issue.summary}` }),
    el(
      'p',
      {},
      'Status ',
      el('span', { className: 'status', 'data-testid': 'status', textContent: issue.status }),
    ),
    el('p', { textContent: issue.description || 'No description.' }),
    el(
      'dl',
      { className: 'fields', 'data-testid': 'fields', 'aria-label': 'Fields' },
      ...issue.fields.flatMap((f) => [el('dt', { textContent: f.name }), el('dd', { textContent: f.value })]),
    ),
    el('h3', { textContent: 'Transition' }),
    description,
    buttons.length
      ? el('div', { className: 'buttons' }, ...buttons)
      : el('p', {
          className: 'hint',
          'data-testid': 'no-transitions',
          textContent:
            'You cannot transition this issue: you lack the Jira permission "Transition issues" in its project.',
        }),
    el('div', { id: 'transition-result', 'data-testid': 'transition-result' }, ...messages),
    el('h3', { textContent: 'Comments' }),
    ...(issue.comments.length
      ? issue.comments.map((c) => el('div', { className: 'comment', textContent: `${c.author}: ${c.text}` }))
      : [el('p', { className: 'hint', textContent: 'No comments yet.' })]),
  );
}

/** The choices of "Add a rule": every rule of the app, every transition of the demo workflow (kept selected). */
function fillChoices(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, text]) => el('option', { value, textContent: text })));
  if (options.some(([value]) => value === chosen)) select.value = chosen;
}

function renderRules() {
  fillChoices(
    $('#add-rule-module'),
    state.ruleModules.map((m) => [m.moduleKey, m.title]),
  );
  fillChoices(
    $('#add-rule-transition'),
    state.workflowTransitions.map((t) => [t.id, `“${t.name}”`]),
  );
  $('#rules').replaceChildren(
    ...state.workflowRules.map((rule) =>
      el(
        'li',
        { 'data-testid': 'workflow-rule' },
        `${rule.title} on “${rule.transitionName}” `,
        el('button', { textContent: 'Configure', onclick: () => openRule(rule) }),
      ),
    ),
  );
}

function renderAudit() {
  $('#audit').replaceChildren(
    ...state.audit.map((entry) =>
      el('li', {
        // A settings change has no issue: only the parts the entry has are shown.
        // A fallback is not a plain success: the summary says why the app acted instead.
        textContent: [
          entry.rule,
          entry.fallback && entry.outcome === 'applied' ? 'applied by the app (fallback)' : entry.outcome,
          entry.issueKey ?? entry.projectKey,
          entry.summary,
        ]
          .filter(Boolean)
          .join(' · ')
          .concat(entry.error ? ` — ${entry.error.message}` : ''),
      }),
    ),
  );
}

async function transition(transitionId, description) {
  const result = await api('/api/transition', {
    accountId: user(),
    issueKey: selectedIssue,
    transitionId,
    ...(description ? { description } : {}),
  });
  await refresh();
  renderIssue(result);
}

let openRequest;
async function openFrame(title, request, isRule) {
  $('#page-notice').textContent = '';
  let opened;
  try {
    opened = await api('/api/frame', { accountId: user(), ...request });
  } catch (error) {
    closeFrame();
    $('#page-notice').textContent = error.message;
    return;
  }
  openFrameId = opened.frameId;
  openRequest = { title, request, isRule };
  $('#frame-title').textContent = title;
  $('#frame-status').textContent = '';
  $('#frame-save').hidden = !isRule;
  // Jira's button says Add on a new rule's screen and Update on an existing one's.
  $('#frame-save').textContent = opened.entryPoint === 'create' ? 'Add' : 'Update';
  $('#frame').src = `${opened.url}&theme=${$('#dark').checked ? 'dark' : 'light'}`;
  $('#frame-panel').hidden = false;
}

function closeFrame() {
  openRequest = undefined;
  $('#frame-panel').hidden = true;
  $('#frame').src = 'about:blank';
}

const openRule = (rule) =>
  openFrame(
    `Configure ${rule.title} on “${rule.transitionName}”`,
    { moduleKey: rule.moduleKey, transitionId: rule.transitionId, list: rule.list, index: rule.index },
    true,
  );

// As the workflow editor's "Add rule": the rule's create screen, saved as a new rule of the transition on "Add".
$('#add-rule').onclick = () => {
  const module = state.ruleModules.find((m) => m.moduleKey === $('#add-rule-module').value);
  const transition = state.workflowTransitions.find((t) => t.id === $('#add-rule-transition').value);
  return openFrame(
    `Add ${module.title} to “${transition.name}”`,
    { moduleKey: module.moduleKey, transitionId: transition.id, list: module.list },
    true,
  );
};

$('#open-admin').onclick = () =>
  openFrame('Workflow Guard (Jira settings › Apps)', { moduleKey: 'admin-page' }, false);
$('#open-project').onclick = () => {
  const issue = state.issues.find((i) => i.key === selectedIssue);
  return openFrame(
    `Project settings › ${issue.projectKey} › Workflow Guard`,
    { moduleKey: 'project-settings', projectKey: issue.projectKey },
    false,
  );
};
$('#frame-close').onclick = () => {
  closeFrame();
  void refresh();
};
$('#frame-save').onclick = async () => {
  // As Jira does on Update: run the callback the screen registered with workflowRules.onConfigure.
  const callback = $('#frame').contentWindow.__forgeTest?.onConfigure;
  const configuration = callback ? await callback() : undefined;
  if (configuration === undefined) {
    $('#frame-status').textContent = 'The screen did not accept the configuration (see its messages).';
    return;
  }
  const saved = await api('/api/rule-configuration', { frame: openFrameId, configuration });
  $('#frame-status').textContent = saved.added ? 'Added to the workflow.' : 'Saved.';
  // The screen now edits the rule it saved, as Jira's does once a rule is added.
  if (saved.added) {
    openRequest.request = { ...openRequest.request, index: saved.index };
    $('#frame-save').textContent = 'Update';
  }
  await refresh();
};
$('#language').onchange = async () => {
  await api('/api/language', { language: $('#language').value });
  await refresh();
};
$('#licence').onchange = async () => {
  await api('/api/licence', { licence: $('#licence').value });
  await refresh();
};
for (const button of document.querySelectorAll('[data-fault]')) {
  button.onclick = async () => {
    const { fault, scopes } = await api('/api/fault', { kind: button.dataset.fault });
    $('#fault-state').textContent =
      fault === 'clear' ? 'No fault injected.' : `Fault: ${fault}. Granted scopes: ${scopes.join(', ')}`;
  };
}
for (const button of document.querySelectorAll('[data-break]')) {
  button.onclick = async () => {
    const { broken } = await api('/api/break', { kind: button.dataset.break });
    $('#break-state').textContent = broken.length ? `Broken: ${broken.join(', ')}.` : 'Nothing broken.';
  };
}
$('#run-health-check').onclick = async () => {
  const { jiraCalls } = await api('/api/daily-health-check', {});
  $('#break-state').textContent =
    `The daily check ran (${jiraCalls} Jira calls). Open Admin page › Health to read it.`;
};
// Another person: the issue as they see it, and an open page reopened as them (or closed, saying why, when Jira
// would not show it to them).
$('#user').onchange = async () => {
  await refresh();
  if (openRequest) await openFrame(openRequest.title, openRequest.request, openRequest.isRule);
};
void refresh();
