namespace MailConfigKit.Exim4
{
    /// <summary><c>dc_eximconfig_configtype</c>: how Debian's exim configuration delivers mail.</summary>
    public enum EximConfigType
    {
        /// <summary><c>internet</c>: mail sent and received directly using SMTP.</summary>
        Internet = 0,

        /// <summary><c>smarthost</c>: received by SMTP, sent through a smarthost.</summary>
        Smarthost = 1,

        /// <summary><c>satellite</c>: no local mail, sent through a smarthost.</summary>
        Satellite = 2,

        /// <summary><c>local</c>: local delivery only, not on a network.</summary>
        Local = 3,

        /// <summary><c>none</c>: no configuration at this time.</summary>
        None = 4,
    }
}
