#!/usr/bin/env bash
# Builds everything a user installs, into one folder (default: ./packages under the current directory):
#   MailConfigKit.<v>.nupkg + .snupkg   the library            dotnet add package MailConfigKit --source OUT
#   MailDoctor.<v>.nupkg                 the maildoctor tool    dotnet tool install -g MailDoctor --add-source OUT
#   MailConfigKit/                       the PowerShell module  Import-Module OUT/MailConfigKit
#   psrepo/MailConfigKit.<v>.nupkg       the module for a PowerShell repository (Install-PSResource / Install-Module)
#   maildoctor-linux-x64/                MailDoctor for hosts without .NET (NativeAOT, or trimmed single-file without clang)
# Usage: src/pack.sh [OUT]. The PowerShell repository package is made by PowerShell itself (Publish-PSResource), with
# the pwsh in $PWSH, on PATH, or installed as the PowerShell dotnet tool into OUT/.pwsh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-packages}" && cd "${1:-packages}" && pwd)"
cd "$repo"

dotnet pack src/MailConfigKit -c Release -o "$out" -nologo -v q
dotnet pack samples/MailDoctor -c Release -o "$out" -nologo -v q
dotnet build src/MailConfigKit.PowerShell -c Release -nologo -v q
rm -rf "$out/MailConfigKit" "$out/psrepo" "$out/maildoctor-linux-x64"
cp -r src/MailConfigKit.PowerShell/bin/Release/module/MailConfigKit "$out/MailConfigKit"
# NativeAOT where Debian's clang (and zlib1g-dev) are installed: a 6 MB native executable that starts in milliseconds;
# otherwise a trimmed self-contained single file (14 MB). Either runs on a linux-x64 host without .NET.
if command -v clang >/dev/null && [ -e /usr/lib/x86_64-linux-gnu/libz.so ]; then
  dotnet publish samples/MailDoctor -c Release -r linux-x64 -p:NativeMailDoctor=true -o "$out/maildoctor-linux-x64" -nologo -v q
  rm -f "$out/maildoctor-linux-x64/MailDoctor.dbg"
else
  dotnet publish samples/MailDoctor -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o "$out/maildoctor-linux-x64" -nologo -v q
fi

pwsh="${PWSH:-}"
if [ -z "$pwsh" ]; then
  if command -v pwsh >/dev/null; then pwsh="$(command -v pwsh)"
  else
    [ -x "$out/.pwsh/pwsh" ] || dotnet tool install --tool-path "$out/.pwsh" PowerShell --version 7.6.9 >/dev/null
    pwsh="$out/.pwsh/pwsh"
  fi
fi
mkdir -p "$out/psrepo"
# A throw-away HOME: registering the repository must not touch the user's PowerShell settings.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
HOME="$home" POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off "$pwsh" -NoProfile -NonInteractive -Command "
\$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name MailConfigKitLocal -Uri '$out/psrepo' -Trusted
Publish-PSResource -Path '$out/MailConfigKit' -Repository MailConfigKitLocal -SkipDependenciesCheck
"
echo "packages in $out:"
ls -1 "$out"
