using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

// Sign-up POSTs per second and latency percentiles against a running site (a real Kestrel host on loopback).
// Each virtual parent opens the form once (antiforgery cookie + token, signed time stamp), waits until the
// time trap allows a send, then posts sign-ups with a new e-mail address each time, as fast as answers come.
// Nothing in the site is switched off for this: antiforgery, the time trap, validation, the slot lock and
// the outbox all run. Only the per-IP rate limit is raised by the script, as every request comes from 127.0.0.1.
//
// Usage: Buurtplatform.SignUpLoad BASE_URL ACTIVITY_PATH DATES(comma-separated|reeks) CONCURRENCY SECONDS [WARMUP_SECONDS]
if (args.Length < 5)
{
    Console.Error.WriteLine("Usage: BASE_URL ACTIVITY_PATH DATES CONCURRENCY SECONDS [WARMUP_SECONDS]");
    return 2;
}

var baseUrl = args[0].TrimEnd('/');
var activity = args[1];
var dates = args[2].Split(',', StringSplitOptions.RemoveEmptyEntries);
var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
var seconds = int.Parse(args[4], CultureInfo.InvariantCulture);
var warmup = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 5;
var formUrl = $"{baseUrl}{activity}/aanmelden";
var run = Guid.NewGuid().ToString("N")[..6];

using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency + 4, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };

var tokenPattern = new Regex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
var stampPattern = new Regex("name=\"Input.Stamp\" value=\"([^\"]+)\"");

async Task<(string Cookie, string Token, string Stamp)> OpenFormAsync()
{
    using var response = await http.GetAsync(formUrl);
    response.EnsureSuccessStatusCode();
    var html = await response.Content.ReadAsStringAsync();
    var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    var t = tokenPattern.Match(html);
    var token = t.Groups[1].Success ? t.Groups[1].Value : t.Groups[2].Value;
    var stamp = WebUtility.HtmlDecode(stampPattern.Match(html).Groups[1].Value);
    if (token.Length == 0 || stamp.Length == 0)
        throw new InvalidOperationException("No antiforgery token or time stamp on the form.");
    return (cookie, WebUtility.HtmlDecode(token), stamp);
}

var latencies = new List<double>[concurrency];
var errors = new int[concurrency];
var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
var forms = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => OpenFormAsync()));
await Task.Delay(TimeSpan.FromSeconds(3.5)); // the time trap's minimum fill time

var clock = Stopwatch.StartNew();
var measureFrom = TimeSpan.FromSeconds(warmup);
var until = measureFrom + TimeSpan.FromSeconds(seconds);
var measured = new long[concurrency];
var workers = Enumerable.Range(0, concurrency).Select(async w =>
{
    latencies[w] = [];
    var (cookie, token, stamp) = forms[w];
    for (var n = 0; clock.Elapsed < until; n++)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Stamp"] = stamp,
            ["Input.Date"] = dates[(w + n) % dates.Length],
            ["Input.FirstName"] = "Belasting",
            ["Input.Email"] = $"last-{run}-{w}-{n}@example.nl",
            ["Input.Phone"] = "",
            ["Input.Children"] = "1",
            ["Input.Ages[0].Value"] = "2",
            ["Input.Ages[0].Unit"] = "jaar",
            ["Input.Language"] = "nl",
            ["Input.WantsCall"] = "nee",
            ["Input.Remark"] = "",
            ["Input.Consent"] = "true",
            ["Input.Website"] = "",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, formUrl) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookie);
        var started = clock.Elapsed;
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var took = (clock.Elapsed - started).TotalMilliseconds;
        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
        if (started < measureFrom)
            continue;
        if (response.StatusCode != HttpStatusCode.Redirect)
            errors[w]++;
        latencies[w].Add(took);
        measured[w]++;
    }
}).ToList();
await Task.WhenAll(workers);

var all = latencies.SelectMany(l => l).Order().ToList();
double P(double q) => all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
var total = measured.Sum();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"concurrency={concurrency} seconds={seconds} posts={total} errors={errors.Sum()} rate={total / (double)seconds:0.0}/s p50={P(0.50):0.0}ms p95={P(0.95):0.0}ms p99={P(0.99):0.0}ms max={all.LastOrDefault():0.0}ms statuses={string.Join(',', statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}"));
return errors.Sum() == 0 ? 0 : 1;
