#!/usr/bin/env bash
# Builds everything a user installs, into one folder (default: ./packages under the current directory):
#   MailConfigKit.<v>.nupkg + .snupkg   the library            dotnet add package MailConfigKit --source OUT
#   MailDoctor.<v>.nupkg                 the maildoctor tool    dotnet tool install -g MailDoctor --add-source OUT
#   MailConfigKit/                       the PowerShell module  Import-Module OUT/MailConfigKit
#   psrepo/MailConfigKit.<v>.nupkg       the module for a PowerShell repository (Install-PSResource / Install-Module)
#   maildoctor-linux-x64/                self-contained single-file MailDoctor (no .NET needed on the host)
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
dotnet publish samples/MailDoctor -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o "$out/maildoctor-linux-x64" -nologo -v q

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
