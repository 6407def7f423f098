using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Site;

/// <summary>The database and the mails in the pickup folder are readable by the site's own user only: files 0600, folders 0700.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Open = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public void ANewDatabaseAndItsFolderAreCreatedPrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var site = new SiteFactory(seeded: false);
        var data = Path.Combine(site.DataDir, "nieuw", "data");
        site.Settings["Site:DataPath"] = data;
        _ = site.Services; // starts the site, which migrates the new database

        Assert.Equal(Folder, File.GetUnixFileMode(data));
        Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(data, "buurtplatform.db")));
    }

    [Fact]
    public void AnExistingDatabaseAndFolderLeftOpenByAnOlderVersionAreClosedAtStart()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var site = new SiteFactory();
        var db = Path.Combine(site.DataDir, "buurtplatform.db");
        File.SetUnixFileMode(db, File600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead); // 0644, as the umask made it
        File.SetUnixFileMode(site.DataDir, Open);

        _ = site.Services;

        Assert.Equal(Folder, File.GetUnixFileMode(site.DataDir));
        Assert.Equal(File600, File.GetUnixFileMode(db));
    }

    [Fact]
    public async Task MailInThePickupFolderIsReadableByTheSiteOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var site = new SiteFactory(); // Mail:Delivery is Pickup by default
        await using (var scope = site.Scope())
        {
            scope.ServiceProvider.GetRequiredService<MailOutbox>().Queue("ouder@example.nl", "Uw aanmelding", "Beste Amina,\n\nU bent aangemeld.\n");
            await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().SaveChangesAsync();
        }

        var mail = Assert.Single(await site.DeliverMailAsync());

        Assert.Equal("ouder@example.nl", mail.To);
        Assert.Contains("U bent aangemeld.", mail.Body);
        Assert.Equal(File600, File.GetUnixFileMode(mail.File));
        Assert.Equal(Folder, File.GetUnixFileMode(Path.GetDirectoryName(mail.File)!));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(mail.File)!, "*.tmp"));
    }
}
