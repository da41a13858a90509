#!/usr/bin/python
# -*- coding: utf-8 -*-
# MailConfigKit: MailDoctor as an Ansible module. Licensed like the repository (see its LICENSE).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: maildoctor
short_description: Diagnose and repair a Debian mail host's Postfix or exim4 with MailDoctor
version_added: "0.1.0"
description:
  - Runs the MailDoctor program (from the MailConfigKit repository) on the target against a host root, reads its JSON
    report and returns Ansible's contract - C(changed), C(msg), C(diff) (before and after per file), the findings as data
    and C(rc).
  - In check mode MailDoctor only plans (it is run without C(--apply)) and nothing is written; with C(--diff) the planned
    edits are shown per file. Without check mode the plan is applied (a backup of each original is kept next to it,
    C(NAME.mck-backup-TIMESTAMP)) and the host examined again; a second run then reports C(changed=false).
  - MailDoctor has to be on the target already (a self-contained single-file build needs no .NET there; a
    framework-dependent build needs the .NET runtime). The playbook C(mailconfigkit.maildoctor.maildoctor) copies it.
  - The module fails when MailDoctor cannot examine the root, or when a file it needs could not be read (an incomplete
    examination must never pass for a clean host); findings that only a person can fix (DNS records, for example) do
    not fail it, they are returned in C(needs_attention).
options:
  binary:
    description:
      - Path of the MailDoctor executable on the target.
      - When omitted, C(maildoctor) and C(MailDoctor) are looked up on the PATH and in C(/usr/local/bin).
    type: path
  root:
    description:
      - The host root to examine. C(/) is the live system; any other folder is an image or a copy of one.
    type: path
    default: /
  apply:
    description:
      - Write the planned changes (outside check mode). With C(false) the module only reports (C(changed) stays false).
    type: bool
    default: true
  restart:
    description:
      - Also run the service actions of the plan (restart exim4 or Postfix), verify the daemon listens and clear exim's
        paniclog. Only with I(root=/), and never in check mode.
    type: bool
    default: false
  no_dns:
    description:
      - Skip the DNS checks (PTR, SPF, DKIM), for hosts that cannot reach their resolver or a lab without DNS.
    type: bool
    default: false
  dns_servers:
    description:
      - Ask these DNS servers (IP addresses, in order) instead of the root's C(etc/resolv.conf). Not with I(no_dns).
    type: list
    elements: str
    default: []
  skip:
    description:
      - Check ids not to run (C(MailDoctor --list-checks) shows them).
    type: list
    elements: str
    default: []
  timeout:
    description:
      - Seconds MailDoctor may run before it is stopped and the task fails.
    type: int
    default: 300
notes:
  - Supports check mode and diff mode.
  - MailDoctor's exit code is returned as C(rc); 1 (changes planned, or something a person has to fix) is not a failure,
    2 (MailDoctor could not examine or apply) is.
seealso:
  - name: MailConfigKit README
    description: Fleets with Ansible - install the collection, run in check mode, then apply.
    link: https://github.com/mailconfigkit/mailconfigkit#fleets-with-ansible
author:
  - MailConfigKit contributors
'''

EXAMPLES = r'''
- name: Plan only (run the play with --check --diff to see the edits)
  mailconfigkit.maildoctor.maildoctor:
    binary: /opt/maildoctor/MailDoctor
  check_mode: true

- name: Repair the live system and restart the daemon, verifying it listens
  mailconfigkit.maildoctor.maildoctor:
    binary: /opt/maildoctor/MailDoctor
    restart: true

- name: Examine a mounted image without DNS, skipping one check
  mailconfigkit.maildoctor.maildoctor:
    binary: /opt/maildoctor/MailDoctor
    root: /srv/images/mx1
    no_dns: true
    skip: [logs]
  register: doctor

- name: Show what the host needs
  ansible.builtin.debug:
    msg: "{{ doctor.findings | map(attribute='id') | list }}"
'''

RETURN = r'''
rc:
  description: MailDoctor's exit code (0 clean or fixed and verified, 1 changes planned or a person has to act, 2 error).
  returned: when MailDoctor ran
  type: int
  sample: 1
msg:
  description: One line - what was planned, applied or found.
  returned: always
  type: str
  sample: "2 findings; planned changes to etc/exim4/update-exim4.conf.conf"
findings:
  description: The findings of the examination (before any change), as MailDoctor's JSON report has them.
  returned: when MailDoctor examined the root
  type: list
  elements: dict
  contains:
    id:
      description: The finding id (docs/diagnosis.md lists them).
      type: str
      sample: exim-ipv6-loopback-missing
    severity:
      description: error, warning or note.
      type: str
    title:
      description: One line.
      type: str
    explanation:
      description: Why it matters.
      type: str
    evidence:
      description: Where it was seen (kind, source, line, column, text).
      type: list
      elements: dict
    planned_remediation:
      description: The remediation id the plan carries out for it, or null when no change fixes it here.
      type: str
remaining:
  description: Finding ids the examination after applying still reports (empty when everything was fixed).
  returned: when changes were applied
  type: list
  elements: str
needs_attention:
  description: Findings (id and title) that no planned change fixes - a person has to act.
  returned: when MailDoctor examined the root
  type: list
  elements: dict
files:
  description: The files the plan changes (relative to root), with their SHA-256 before and after.
  returned: when MailDoctor examined the root
  type: list
  elements: dict
unreadable:
  description: Files MailDoctor could not read (path, problem).
  returned: when MailDoctor examined the root
  type: list
  elements: dict
diff:
  description: Before and after per changed file, as Ansible shows diffs (with --diff).
  returned: when a change is planned or applied
  type: list
  elements: dict
report:
  description: MailDoctor's whole JSON report (schemaVersion 1).
  returned: when MailDoctor ran
  type: dict
'''

import json
import os

from ansible.module_utils.basic import AnsibleModule

_NAMES = ('maildoctor', 'MailDoctor')


def _find_binary(module):
    given = module.params['binary']
    if given:
        if not os.path.isfile(given):
            module.fail_json(msg="MailDoctor not found at %s (option binary)" % given)
        if not os.access(given, os.X_OK):
            module.fail_json(msg="MailDoctor at %s is not executable" % given)
        return given
    for name in _NAMES:
        found = module.get_bin_path(name, required=False, opt_dirs=['/usr/local/bin', '/opt/maildoctor'])
        if found:
            return found
    module.fail_json(msg="MailDoctor not found: give its path with the option binary (looked for %s on PATH and in "
                         "/usr/local/bin, /opt/maildoctor)" % ' and '.join(_NAMES))


def _command(module, binary, writing):
    p = module.params
    cmd = [binary, '--json', '--root', p['root']]
    if writing:
        cmd.append('--restart' if p['restart'] else '--apply')
    if p['no_dns']:
        cmd.append('--no-dns')
    for server in p['dns_servers']:
        cmd.extend(['--dns-server', server])
    for check in p['skip']:
        cmd.extend(['--skip', check])
    return cmd


def _findings(report):
    out = []
    for f in report.get('findings') or []:
        out.append({
            'id': f.get('id'),
            'severity': f.get('severity'),
            'title': f.get('title'),
            'explanation': f.get('explanation'),
            'evidence': f.get('evidence') or [],
            'remediations': [r.get('id') for r in f.get('remediations') or []],
            'planned_remediation': f.get('plannedRemediation'),
            'plan_problem': f.get('planProblem'),
        })
    return out


def _diffs(report, root):
    plan = report.get('plan') or {}
    diffs = []
    for f in plan.get('files') or []:
        path = os.path.join(root, f.get('path') or '')
        diffs.append({
            'before_header': path,
            'after_header': path,
            'before': f.get('originalText') if f.get('originalText') is not None else '',
            'after': f.get('newText') if f.get('newText') is not None else '',
        })
    return diffs


def main():
    module = AnsibleModule(
        argument_spec=dict(
            binary=dict(type='path'),
            root=dict(type='path', default='/'),
            apply=dict(type='bool', default=True),
            restart=dict(type='bool', default=False),
            no_dns=dict(type='bool', default=False),
            dns_servers=dict(type='list', elements='str', default=[]),
            skip=dict(type='list', elements='str', default=[]),
            timeout=dict(type='int', default=300),
        ),
        mutually_exclusive=[('no_dns', 'dns_servers')],
        supports_check_mode=True,
    )
    p = module.params
    root = p['root']
    if p['restart'] and os.path.realpath(root) != '/':
        module.fail_json(msg="restart runs service commands on the target itself, so it works only with root=/ (got %s)" % root)
    if p['restart'] and not p['apply']:
        module.fail_json(msg="restart applies the plan first; it cannot go with apply=false")
    if not os.path.isdir(root):
        module.fail_json(msg="cannot examine %s: no such folder on %s" % (root, os.uname()[1]))

    binary = _find_binary(module)
    writing = p['apply'] and not module.check_mode
    cmd = _command(module, binary, writing)
    # MailDoctor escapes host text itself; LC_ALL=C keeps the report free of the target's locale.
    env = {'LC_ALL': 'C', 'NO_COLOR': '1', 'DOTNET_CLI_TELEMETRY_OPTOUT': '1'}
    timeout_cmd = module.get_bin_path('timeout')
    run = ([timeout_cmd, '--kill-after=10', str(p['timeout'])] + cmd) if timeout_cmd else cmd
    rc, out, err = module.run_command(run, environ_update=env)
    result = dict(changed=False, rc=rc, cmd=cmd)
    if timeout_cmd and rc in (124, 137):
        module.fail_json(msg="MailDoctor did not finish within %d seconds on %s" % (p['timeout'], root), stderr=err, **result)
    try:
        report = json.loads(out)
    except ValueError:
        # Refused arguments (an unknown --skip id) and start-up failures print no JSON, only a line on stderr.
        first = (err.strip().splitlines() or ['no output'])[0]
        module.fail_json(msg="MailDoctor failed on %s (exit %d): %s" % (root, rc, first), stderr=err, stdout=out, **result)

    plan = report.get('plan') or {}
    diffs = _diffs(report, root)
    # The whole texts go to diff only (when planned): the registered report stays small for fleet summaries.
    for f in plan.get('files') or []:
        f.pop('originalText', None)
        f.pop('newText', None)
    result['report'] = report
    result['findings'] = _findings(report)
    result['unreadable'] = report.get('unreadable') or []
    result['files'] = [dict(path=f.get('path'), before_sha256=f.get('originalSha256'), after_sha256=f.get('newSha256'))
                       for f in plan.get('files') or []]
    result['needs_attention'] = [dict(id=f['id'], title=f['title']) for f in result['findings']
                                 if f['severity'] != 'note' and not f['planned_remediation']]
    if report.get('error'):
        module.fail_json(msg="MailDoctor could not examine %s: %s" % (root, report['error']), **result)
    if result['unreadable']:
        # An examination that could not read a file is incomplete: it must not pass for a clean (or fixed) host.
        what = '; '.join('%s: %s' % (u.get('path'), u.get('problem')) for u in result['unreadable'])
        module.fail_json(msg="MailDoctor could not read %d file(s) under %s: %s" % (len(result['unreadable']), root, what), **result)
    if rc not in (0, 1):
        module.fail_json(msg="MailDoctor failed on %s (exit %d): %s" % (root, rc, err.strip()), **result)

    planned = bool(plan.get('hasChanges'))
    written = [f.get('path') for f in ((report.get('applied') or {}).get('files') or []) if f.get('outcome') == 'written']
    if module.check_mode:
        result['changed'] = planned and p['apply']
    else:
        result['changed'] = bool(written)
    if planned and (module.check_mode or written):
        result['diff'] = diffs
    if report.get('remainingAfterApply') is not None:
        result['remaining'] = report['remainingAfterApply']

    count = len(result['findings'])
    head = 'no findings' if count == 0 else '%d finding%s (%s)' % (count, '' if count == 1 else 's', ', '.join(sorted(set(f['id'] for f in result['findings']))))
    if written:
        tail = 'applied to ' + ', '.join(written)
        if result.get('remaining'):
            tail += '; still reported: ' + ', '.join(result['remaining'])
    elif planned:
        tail = 'planned changes to ' + ', '.join(f['path'] for f in result['files'])
    else:
        tail = 'nothing to change'
    if result['needs_attention']:
        tail += '; a person has to act on: ' + ', '.join(sorted(set(f['id'] for f in result['needs_attention'])))
    if report.get('mailDown'):
        tail += '; mail down: ' + '; '.join(report['mailDown'])
    result['msg'] = head + '; ' + tail
    # Ansible marks a result with a non-zero rc as failed unless it says otherwise; MailDoctor's 1 means "changes
    # planned" or "a person has to act", which is a report, not a failure.
    result['failed'] = False
    module.exit_json(**result)


if __name__ == '__main__':
    main()
