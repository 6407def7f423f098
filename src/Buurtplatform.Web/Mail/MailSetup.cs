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
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<OutboxSender>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
