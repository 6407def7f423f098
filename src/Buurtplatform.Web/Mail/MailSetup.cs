namespace Buurtplatform.Web.Mail;

public static class MailSetup
{
    /// <summary>The outbox, the SMTP/pickup sender and the background worker that sends the outbox.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MailOptions>().Bind(config.GetSection(MailOptions.Section))
            .Validate(o => o.Delivery != MailDelivery.Smtp || !string.IsNullOrWhiteSpace(o.SmtpHost), "Mail:Delivery is Smtp, but Mail:SmtpHost is empty.")
            .Validate(o => System.Net.Mail.MailAddress.TryCreate(o.From, out _), "Mail:From must be an e-mail address.")
            .Validate(o => o.SmtpPort is > 0 and < 65536, "Mail:SmtpPort must be a TCP port.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay && o.SendLease > TimeSpan.Zero,
                "Mail:PollInterval, RetryDelay and SendLease must be positive, MaxRetryDelay at least RetryDelay.")
            .ValidateOnStart();
        services.AddSingleton<IMailSender, MailKitSender>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<OutboxSender>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
    /// <summary>
    /// Pickup is the default in every environment (a first start needs no mail server), but outside
    /// Development it means nobody receives invitations, password resets or sign-up confirmations: say so
    /// at every start, loudly, with the folder and the settings that send mail for real.
    /// </summary>
    public static void WarnWhenMailIsNotSent(this WebApplication app)
    {
        var o = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        if (o.Delivery != MailDelivery.Pickup || app.Environment.IsDevelopment())
            return;
        var folder = MailKitSender.PickupFolder(o, app.Services.GetRequiredService<IOptions<SiteOptions>>().Value, app.Environment);
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MailSetup)).LogWarning(
            "Mail:Delivery is Pickup in the {Environment} environment: e-mail (invitations, password resets, sign-up confirmations) is NOT sent, "
            + "only written as .eml files to {Folder}. Set Mail:Delivery to Smtp and Mail:SmtpHost to send it",
            app.Environment.EnvironmentName, folder);
    }
}
