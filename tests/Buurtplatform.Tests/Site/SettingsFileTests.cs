using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Site;

/// <summary>
/// BUURTPLATFORM_SETTINGS_FILE is one more appsettings file: it beats appsettings.json, and environment
/// variables and the command line beat it, as everywhere in ASP.NET Core.
/// </summary>
public sealed class SettingsFileTests
{
    /// <summary>A settings file with values under a section of this test's own (no other test reads it).</summary>
    private static string SettingsFile(string section)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bp-settings-").FullName, "appsettings.Local.json");
        File.WriteAllText(file, $$"""
            { "{{section}}": { "FromEnvironment": "file", "FromCommandLine": "file", "OnlyInFile": "file" } }
            """);
        return file;
    }

    [Fact]
    public void AnEnvironmentVariableWinsOverTheSettingsFileInTheRunningSite()
    {
        var section = "SettingsOrder" + Guid.NewGuid().ToString("N");
        var file = SettingsFile(section);
        // A variable only this test's section reads, so setting it for the whole process disturbs no other test.
        Environment.SetEnvironmentVariable($"{section}__FromEnvironment", "environment");
        try
        {
            using var site = new SiteFactory();
            site.Settings["BUURTPLATFORM_SETTINGS_FILE"] = file;
            var config = site.Services.GetRequiredService<IConfiguration>();

            Assert.Equal("environment", config[$"{section}:FromEnvironment"]);
            Assert.Equal("file", config[$"{section}:OnlyInFile"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{section}__FromEnvironment", null);
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void TheCommandLineAndEnvironmentWinOverTheSettingsFileWhichWinsOverAppSettings()
    {
        var section = "SettingsOrder" + Guid.NewGuid().ToString("N");
        var file = SettingsFile(section);
        var root = Directory.CreateTempSubdirectory("bp-content-root-").FullName;
        File.WriteAllText(Path.Combine(root, "appsettings.json"), $$"""{ "{{section}}": { "OnlyInFile": "appsettings.json", "InAppSettings": "appsettings.json" } }""");
        Environment.SetEnvironmentVariable($"{section}__FromEnvironment", "environment");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ContentRootPath = root,
                Args = [$"--BUURTPLATFORM_SETTINGS_FILE={file}", $"--{section}:FromCommandLine=command line"],
            });
            builder.AddSettingsFile();

            Assert.Equal("environment", builder.Configuration[$"{section}:FromEnvironment"]);
            Assert.Equal("command line", builder.Configuration[$"{section}:FromCommandLine"]);
            Assert.Equal("file", builder.Configuration[$"{section}:OnlyInFile"]);
            Assert.Equal("appsettings.json", builder.Configuration[$"{section}:InAppSettings"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{section}__FromEnvironment", null);
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
            Directory.Delete(root, recursive: true);
        }
    }
}
