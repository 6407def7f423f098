using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Agenda;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.DeliveryApi;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Health;
using Buurtplatform.Web.Languages;
using Buurtplatform.Web.Mail;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.NearMe;
using Buurtplatform.Web.Search;
using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.PartnerCalendars;
using Buurtplatform.Web.Vision.Suggestions;

var builder = WebApplication.CreateBuilder(args);
builder.AddSettingsFile();

// Settings, clock and texts
builder.Services.AddSiteOptions(builder.Configuration);
builder.Services.AddTrustedProxies(); // Site:TrustedProxies: whose X-Forwarded-For/-Proto to believe
builder.Services.AddSiteLocalization();
builder.Services.AddLanguages(builder.Configuration); // nl at today's URLs, /en/ /ar/ /tr/ /pl/ /uk/ for the others

// Data: EF Core on SQLite (default) or PostgreSQL; the content tree as files
builder.Services.AddDatabase(builder.Configuration, builder.Environment);
builder.Services.AddContent();

// Search (SQLite FTS5 or PostgreSQL full text, by provider) and "near me" (postcode centres, map)
builder.Services.AddSearch(builder.Configuration);
builder.Services.AddNearMe(builder.Configuration);

// Public site: activities' dates, pages, caching, compression
builder.Services.AddScoped(sp => new ActivityCalendar(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Buurtplatform.Web.Content.Published.Published>(), sp));
builder.Services.AddAgenda(builder.Configuration); // page size of the agenda
builder.Services.AddPages();
builder.Services.AddPageCache(builder.Configuration);
builder.Services.AddCompression();
builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

// Calendar feeds (.ics) parents subscribe to
builder.Services.AddCalendarFeeds(builder.Configuration);

// Content Delivery API in Umbraco's v2 shape (read-only JSON of published content) and its OpenAPI document
builder.Services.AddDeliveryApi(builder.Configuration);
builder.Services.AddScoped<DeliveryReader>();

// Staff: Identity accounts (passwords, lockout, 2FA, __Host- cookies, sign-in rate limit), audit log
builder.Services.AddAccounts(builder.Configuration, builder.Environment);
// Backoffice: every /backoffice page needs a staff session; StaffScope decides what each person may touch
builder.Services.AddBackoffice();
// Mail: outbox table, SMTP or pickup-folder sender, background worker with retries
builder.Services.AddMail(builder.Configuration);
// Sign-ups: forms with capacity and waitlist, personal links, staff inbox and export, reminders, retention
builder.Services.AddSignUps(builder.Configuration);
// Parents' ideas on the wijk vision: the form, personal links, the editors' queue, digest, retention
builder.Services.AddVisionSuggestions(builder.Configuration);
builder.Services.AddPartnerCalendars(builder.Configuration);

// Photos: upload checks, libvips in a subprocess, renditions cached on disk, signed custom sizes, consent
builder.Services.AddMedia(builder.Configuration);

// Editing: drafts and versions, publishing (now, planned, after approval), previews and shareable links, 301s, export
builder.Services.AddEditing(builder.Configuration);

var app = builder.Build();

// Commands (import, export, create-admin, reindex) run instead of the site
if ((await app.RunContentCommandAsync(args) ?? await app.RunSearchCommandAsync(args)) is { } exitCode)
    return exitCode;
if (await app.RunAccountsCommandAsync(args) is { } accountsExitCode)
    return accountsExitCode;

app.WarnWhenMailIsNotSent(); // pickup-folder mail outside Development: nobody receives it
app.AnnounceWhenReady(); // "migrating…", "importing…" (below) and "ready" with the addresses, for whoever watches the console
await app.InitialiseContentAsync();
await app.InitialiseAccountsAsync();
await app.InitialiseEditingAsync(); // planned publishing that fell due while the site was down

// The language is the URL's first segment (/ar/…): it leaves the path for PathBase and sets the culture
app.UseLanguages();

// Personal links' tokens leave the path before anything can log or route it
app.UseSignUpLinks();
app.UseSuggestionLinks();

// Behind a reverse proxy: the client's address and https, from the proxies named in Site:TrustedProxies only
app.UseTrustedProxies();

// Errors: a friendly page for exceptions (details go to the log), a helpful one for unknown URLs
app.UseFriendlyErrors("/fout"); // 503 with Retry-After while the database is unreachable, 500 for the rest
app.UseStatusCodePagesWithReExecute("/niet-gevonden", "?status={0}");
app.UseContentRedirects(); // a public 404 whose path (or one above it) moved answers 301 to where the node is now
if (!app.Environment.IsDevelopment())
    app.UseHsts();

app.UseSecurityHeaders();
app.UseBackofficeNoStore();
app.UseResponseCompression();
app.UseSiteStaticFiles(); // fingerprinted CSS and JS: cached a year, immutable
app.UseRouting();
app.UseRefusedAccessLog(); // 403s and 404s of signed-in staff in /backoffice, one line per person and kind a minute
app.UseAccounts(); // rate limits, authentication, authorization: before the output cache, which skips signed-in requests
app.UseUploadForms(); // photo posts: a file of any size gets the form back with "groter dan 25 MB" (after authorization)
app.UseCompressedOutputCache(); // the cache keeps pages compressed, once per encoding, and serves those bytes
app.MapRazorPages();
app.MapCalendarFeeds();
app.MapDeliveryApi();
app.MapNearMe();
app.MapMedia();
app.MapHealth();
app.MapLanguageChoice();

await app.RunAsync();
return 0;
