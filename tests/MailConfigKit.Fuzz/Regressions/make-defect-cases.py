# Writes the defectNN-*.case files of this folder (the reproducers of issue 11 in the fuzz case format).
# Run from this folder: python3 make-defect-cases.py
import sys
def q(s):
    out=['"']
    for ch in s:
        o=ord(ch)
        if ch=='\\': out.append('\\\\')
        elif ch=='"': out.append('\\"')
        elif ch=='\n': out.append('\\n')
        elif ch=='\r': out.append('\\r')
        elif ch=='\t': out.append('\\t')
        elif 0x20<=o<0x7f: out.append(ch)
        else: out.append('\\u%04x'%o)
    out.append('"')
    return ''.join(out)
C="/tmp/mck-fuzz-canary/c"
def case(name, notes, target, text, ops):
    lines=["# MailConfigKit fuzz case (tests/MailConfigKit.Fuzz/FuzzCase.cs)"]
    for n in notes: lines.append("# "+n)
    lines.append("origin: "+q(name))
    lines.append("target: "+target)
    lines.append("text: "+q(text))
    for op in ops:
        lines.append("op: "+op[0]+''.join(' '+q(a) for a in op[1:]))
    open(name+".case","w").write('\n'.join(lines)+'\n')
# lone surrogates need python strings with surrogates: use surrogatepass trick
S800=chr(0xd800)
case("defect01-heredoc-body-taken-for-assignment", ["Issue 11 defect 1: Set edits a heredoc body; dash runs the command substitution in it (canary) and never reads the value."],
     "Exim", ": <<EOF\ndc_local_interfaces='127.0.0.1'\nEOF\n", [("set","dc_local_interfaces","$(/usr/bin/touch "+C+"900001)")])
case("defect01-unterminated-heredoc", ["Issue 11 defect 1: a new assignment appended after an unterminated heredoc is heredoc text to dash."],
     "Exim", "dc_eximconfig_configtype='local'\n: <<EOF\n", [("set","dc_readhost","`/usr/bin/touch "+C+"900002`")])
case("defect02-exim-command-substitution-nesting", ["Issue 11 defect 2: $(\" nested 12000 deep (30000 in the issue) overflows the stack (ShellSkipper recursion); must return with a diagnostic."],
     "Exim", "x="+'$("'*12000+'")'*12000+"\n", [("set","dc_readhost","a")])
case("defect03-maincf-macro-chain", ["Issue 11 defect 3: MainCf.Diagnostics on p0 = $p1, p1 = $p2, ... 15000 long (40000 in the issue) overflows the stack (PostfixMacroReferences.Visit)."],
     "MainCf", ''.join("p%d = $p%d\n"%(i,i+1) for i in range(15000)), [])
case("defect04-arabic-indic-digits", ["Issue 11 defect 4: char.IsDigit accepts U+0661, then int.Parse throws FormatException (getters, Diagnostics)."],
     "MainCf", "inet_interfaces = 127.0.0.\u0661\nmynetworks = 127.0.0.\u0661/8\n", [])
case("defect04-arabic-indic-digits-exim", ["Issue 11 defect 4, exim side: dc_local_interfaces with U+0661."],
     "Exim", "dc_local_interfaces='127.0.0.\u0661'\n", [])
case("defect04-arabic-indic-digits-values", ["Issue 11 defect 4, the typed value parsers."],
     "Values", "", [("parse","127.0.0.\u0661"),("parse","[::1]:\u0662\u0665")])
case("defect06-vt-continuation", ["Issue 11 defect 6: a continuation line starting with VT; SetOverride must keep it a continuation (postconf -P agrees)."],
     "MasterCf", "smtp unix - - y - - smtp\n  -o a=1\n\u000b-o b=2\n", [("setoverride","smtp","unix","a","3"),("removeoverride","smtp","unix","b")])
case("defect06-ff-continuation", ["Issue 11 defect 6: a continuation line starting with FF; RemoveOverride must not change the command field."],
     "MasterCf", "relay unix - - y - - smtp\n\u000c  -o a=1\n", [("removeoverride","relay","unix","a")])
case("defect07-unclosed-brace", ["Issue 11 defect 7: an unclosed { swallows the new -o; SetOverride must refuse and leave the document unchanged."],
     "MasterCf", "relay unix - - y - - smtp -o a={x\n", [("setoverride","relay","unix","b","2")])
case("defect08-braced-argument", ["Issue 11 defect 8: ArgumentOutOfRangeException from SetOverride."],
     "MasterCf", "smtp unix - - y - - smtp {-v} -o { b = c d }\n", [("setoverride","smtp","unix","b",""),("setoverride","smtp","unix","a","1")])
case("defect09-maincf-macro-nesting", ["Issue 11 defect 9: ${a: nested 12000 deep: super-linear (1.3 s at 8k, 89 s at 30k) and recursive (PostfixMacroSyntax.Check overflows the fuzz case thread's 512 KB stack); must be linear, no recursion."],
     "MainCf", "x = "+"${a:"*12000+"v"+"}"*12000+"\n", [("set","x","1")])
case("defect10-if-false", ["Issue 11 defect 10: the assignment inside if false; then ... fi never runs: Set must refuse."],
     "Exim", "if false; then\ndc_other_hostnames='a'\nfi\n", [("set","dc_other_hostnames","b")])
case("defect10-unset-after", ["Issue 11 defect 10: an assignment followed by unset: Set must refuse."],
     "Exim", "dc_relay_nets='a'\nunset dc_relay_nets\n", [("set","dc_relay_nets","b")])
case("defect10-readonly", ["Issue 11 defect 10: readonly, then another assignment: Set must refuse."],
     "Exim", "readonly dc_smarthost=a\ndc_smarthost=b\n", [("set","dc_smarthost","c")])
case("defect11-trailing-backslash", ["Issue 11 defect 11: dc_readhost=x\\ without a final newline: Set of another name must not change how dash reads dc_readhost."],
     "Exim", "dc_readhost=x\\", [("set","dc_relay_nets","10.0.0.0/8")])
case("defect17-lone-surrogate-maincf", ["Issue 11 defect 17: a lone surrogate is accepted, then Save (ToBytes) throws EncoderFallbackException."],
     "MainCf", "myhostname = a\n", [("set","myhostname","x"+S800)])
case("defect17-lone-surrogate-exim", ["Issue 11 defect 17, exim."],
     "Exim", "dc_readhost='a'\n", [("set","dc_readhost","x"+S800)])
case("defect17-lone-surrogate-mastercf", ["Issue 11 defect 17, master.cf."],
     "MasterCf", "smtp unix - - y - - smtp\n", [("setoverride","smtp","unix","a","x"+S800)])
case("defect18-nul-in-quotes", ["Issue 11 defect 18: x='a<NUL>b': GetValue gives a\\0b, dash gives ab (compared after an edit of another name)."],
     "Exim", "x='a\u0000b'\n", [("set","dc_readhost","y")])
case("defect20-c1-control", ["Issue 11 defect 20: exim Set accepts C1 controls (U+0080-U+009F)."],
     "Exim", "dc_readhost='a'\n", [("set","dc_readhost","x\u009b2J")])
case("defect21-exim-list-format", ["Issue 11 defect 21: EximListValue.Format([\"<;a\",\"b\"]) does not parse back to the same items."],
     "Values", "", [("eximlist","<;a","b"),("parse","::1 ; <, a ; 10.0.1.25")])
