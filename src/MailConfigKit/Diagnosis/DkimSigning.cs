using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Whether anything signs the mail Postfix sends with DKIM: a milter in <c>smtpd_milters</c> or
    /// <c>non_smtpd_milters</c> that is OpenDKIM (its socket or port 8891) or rspamd (its socket or port 11332), and the
    /// selectors their configuration names (<c>etc/opendkim.conf</c> <c>Selector</c>/<c>Domain</c> and its
    /// <c>KeyTable</c>; <c>etc/rspamd/local.d/dkim_signing.conf</c>, whose default selector is <c>dkim</c>).
    /// </summary>
    internal sealed class DkimSigning
    {
        public const string OpenDkimConf = "etc/opendkim.conf";
        public const string RspamdDkimConf = "etc/rspamd/local.d/dkim_signing.conf";

        private static readonly Regex RspamdSelector = new Regex(@"(?m)^\s*selector\s*=\s*""?(?<s>[A-Za-z0-9._-]+)""?", RegexOptions.CultureInvariant);
        // Anchored at line starts, so a long run of labels is scanned from one place, not from each of its characters.
        private static readonly Regex RspamdDomainSelector = new Regex(
            @"(?m)^[ \t]*""?(?<d>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)""?[ \t]*\{[^{}]*?\bselector[ \t]*=[ \t]*""?(?<s>[A-Za-z0-9._-]+)", RegexOptions.CultureInvariant);
        private static readonly Regex RspamdDisabled = new Regex(@"(?m)^\s*enabled\s*=\s*false\b", RegexOptions.CultureInvariant);

        private DkimSigning(IReadOnlyList<DkimSigner> signers, IReadOnlyList<Evidence> milterEvidence)
        {
            Signers = signers;
            MilterEvidence = milterEvidence;
        }

        /// <summary>The signers found (none: nothing signs).</summary>
        public IReadOnlyList<DkimSigner> Signers { get; }

        /// <summary>The milter settings looked at.</summary>
        public IReadOnlyList<Evidence> MilterEvidence { get; }

        public static DkimSigning Read(DiagnosisContext context, MainCf main)
        {
            string mainPath = main.FilePath ?? HostPaths.PostfixMainCf;
            var evidence = new List<Evidence>();
            var signers = new List<DkimSigner>();
            string milters = string.Empty;
            foreach (string name in new[] { "smtpd_milters", "non_smtpd_milters" })
            {
                MainCfParameter? p = main.Parameters.LastOrDefault(x => x.Name == name && x.IsEffective);
                evidence.Add(p == null
                    ? new Evidence(EvidenceKind.Configuration, mainPath, null, null, name + " is not set: no milter")
                    : EvidenceFrom.ConfigLine(mainPath, main.ToString(), p.Line, 1));
                milters += " " + (main.GetValue(name) ?? string.Empty);
            }
            string m = milters.ToLowerInvariant();
            if (m.Contains("opendkim") || m.Contains(":8891"))
                signers.Add(OpenDkim(context));
            if (m.Contains("rspamd") || m.Contains(":11332"))
                signers.Add(Rspamd(context));
            return new DkimSigning(signers, evidence);
        }

        /// <summary>The selectors that sign mail from <paramref name="domain"/>: those named for it, and those named without a domain.</summary>
        public IReadOnlyList<string> SelectorsFor(string domain) =>
            Signers.Where(s => s.Signs).SelectMany(s => s.Keys)
                .Where(k => k.Domain == null || string.Equals(k.Domain, domain, StringComparison.OrdinalIgnoreCase))
                .Select(k => k.Selector).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        private static DkimSigner OpenDkim(DiagnosisContext context)
        {
            string? text = context.ReadSmallText(OpenDkimConf);
            var keys = new List<DkimKey>();
            if (text == null)
                return new DkimSigner("OpenDKIM", true, keys, new Evidence(EvidenceKind.Configuration, OpenDkimConf, null, null, "a milter names OpenDKIM, but " + OpenDkimConf + " is not there"));
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                string[] parts = line.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2) settings[parts[0]] = parts[1].Trim();
            }
            // OpenDKIM signs only in a Mode with "s" (its default is "sv").
            bool signs = !settings.TryGetValue("Mode", out string? mode) || mode.IndexOf('s') >= 0;
            if (settings.TryGetValue("Selector", out string? selector))
            {
                settings.TryGetValue("Domain", out string? domains);
                List<string> list = (domains ?? string.Empty).Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                    .Where(d => d.IndexOf(':') < 0 && d.IndexOf('/') < 0).ToList();
                if (list.Count == 0) keys.Add(new DkimKey(selector, null));
                keys.AddRange(list.Select(d => new DkimKey(selector, d)));
            }
            if (settings.TryGetValue("KeyTable", out string? table))
            {
                // "refile:/etc/opendkim/key.table" or a plain path; each line "name domain:selector:keyfile".
                int colon = table.IndexOf(':');
                string path = colon >= 0 && !table.StartsWith("/", StringComparison.Ordinal) ? table.Substring(colon + 1) : table;
                string? tableText = path.StartsWith("/", StringComparison.Ordinal) ? context.ReadSmallText(path.Substring(1)) : null;
                foreach (string raw in (tableText ?? string.Empty).Split('\n'))
                {
                    string line = raw.Trim();
                    if (line.Length == 0 || line[0] == '#') continue;
                    string[] parts = line.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 2) continue;
                    string[] fields = parts[1].Trim().Split(':');
                    if (fields.Length >= 2 && fields[0].Length > 0 && fields[1].Length > 0 && fields[0].IndexOf('%') < 0)
                        keys.Add(new DkimKey(fields[1], fields[0]));
                }
            }
            string said = "OpenDKIM (" + OpenDkimConf + "): " + (signs ? "signs" : "Mode " + mode + " does not sign")
                + (keys.Count > 0 ? ", selector(s) " + string.Join(", ", keys) : ", no selector found");
            return new DkimSigner("OpenDKIM", signs, keys, new Evidence(EvidenceKind.Configuration, OpenDkimConf, null, null, said));
        }

        private static DkimSigner Rspamd(DiagnosisContext context)
        {
            string? text = context.ReadSmallText(RspamdDkimConf);
            var keys = new List<DkimKey>();
            bool signs = text == null || !RspamdDisabled.IsMatch(text);
            if (text != null)
            {
                foreach (Match m in RspamdDomainSelector.Matches(text)) keys.Add(new DkimKey(m.Groups["s"].Value, m.Groups["d"].Value));
                string withoutDomains = RspamdDomainSelector.Replace(text, string.Empty);
                foreach (Match m in RspamdSelector.Matches(withoutDomains)) keys.Add(new DkimKey(m.Groups["s"].Value, null));
            }
            // rspamd's own default: selector "dkim", key /var/lib/rspamd/dkim/$domain.$selector.key.
            if (keys.Count == 0) keys.Add(new DkimKey("dkim", null));
            string said = "rspamd (" + RspamdDkimConf + (text == null ? ", absent: rspamd's defaults" : string.Empty) + "): "
                + (signs ? "signs" : "enabled = false") + ", selector(s) " + string.Join(", ", keys);
            return new DkimSigner("rspamd", signs, keys, new Evidence(EvidenceKind.Configuration, RspamdDkimConf, null, null, said));
        }
    }

    /// <summary>A DKIM signer: what it is, whether its configuration signs, and its selectors.</summary>
    internal sealed class DkimSigner
    {
        public DkimSigner(string software, bool signs, IReadOnlyList<DkimKey> keys, Evidence why)
        {
            Software = software;
            Signs = signs;
            Keys = keys;
            Why = why;
        }

        public string Software { get; }

        public bool Signs { get; }

        public IReadOnlyList<DkimKey> Keys { get; }

        public Evidence Why { get; }
    }

    /// <summary>A selector, for one domain or (null) for every domain signed.</summary>
    internal sealed class DkimKey
    {
        public DkimKey(string selector, string? domain)
        {
            Selector = selector;
            Domain = domain;
        }

        public string Selector { get; }

        public string? Domain { get; }

        public override string ToString() => Domain == null ? Selector : Selector + " (" + Domain + ")";
    }
}
