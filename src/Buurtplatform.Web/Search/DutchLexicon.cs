namespace Buurtplatform.Web.Search;

/// <summary>
/// The two word lists the analyzer needs beside the Snowball stemmer: PostgreSQL's Dutch stop words
/// and a small, curated map of Dutch verb forms and plurals that Snowball does not reduce.
/// </summary>
/// <remarks>
/// Why a curated map: the Snowball (Porter) Dutch stemmer only strips suffixes, so "zingt" stays
/// "zingt" and "gezongen" becomes "gezong" while "zingen" becomes "zing". PostgreSQL's <c>dutch</c>
/// configuration behaves the same (it runs the same algorithm). Choices: A) a full lemmatiser —
/// none is available as a package, and it would break the exact-Snowball guarantee; B) rewrite the
/// word before stemming, on both engines, from a list we control — chosen. The list holds the
/// forms parents are likely to type for the activities on this site; each form maps to its
/// infinitive (or singular), which is then stemmed as usual. Forms that are also common other
/// words are left out on purpose ("vroeg" is "early", "namen" is "names").
/// </remarks>
public static class DutchLexicon
{
    /// <summary>
    /// PostgreSQL's <c>tsearch_data/dutch.stop</c> (Snowball's Dutch stop list), word for word. The
    /// <c>dutch_stem</c> dictionary drops these after <c>unaccent</c>; the SQLite engine must drop
    /// exactly the same words or the two engines would answer "zingen met peuters" differently.
    /// </summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is", "was",
        "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn",
        "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je", "mij", "uit", "der", "daar",
        "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu",
        "ge", "geen", "omdat", "iets", "worden", "toch", "al", "waren", "veel", "meer", "doen", "toen", "moet",
        "ben", "zonder", "kan", "hun", "dus", "alles", "onder", "ja", "eens", "hier", "wie", "werd", "altijd",
        "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw",
        "iemand", "geweest", "andere",
    };

    // Infinitive (or singular) first, then the forms that should count as that word. Folded, lower case.
    private static readonly string[] Families =
    [
        "zingen zing zingt zong zongen gezongen",
        "spelen speel speelt speelde speelden gespeeld",
        "lezen lees leest las lazen gelezen",
        "voorlezen voorlees voorleest voorlas voorlazen voorgelezen",
        "bewegen beweeg beweegt bewoog bewogen",
        "praten praat praatte praatten gepraat",
        "leren leer leert leerde leerden geleerd",
        "eten eet at aten gegeten",
        "slapen slaap slaapt sliep sliepen geslapen",
        "drinken drink drinkt dronk dronken gedronken",
        "komen kom komt kwam kwamen gekomen",
        "gaan ga gaat ging gingen gegaan",
        "maken maak maakt maakte maakten gemaakt",
        "knutselen knutsel knutselt knutselde knutselden geknutseld",
        "dansen dans danst danste dansten gedanst",
        "ontmoeten ontmoet ontmoette ontmoetten",
        "opvoeden opvoed opvoedt opvoedde opvoedden opgevoed",
        "kletsen klets kletst kletste kletsten gekletst",
        "lopen loop loopt liep liepen gelopen",
        "kruipen kruip kruipt kroop kropen gekropen",
        "klimmen klim klimt klom klommen geklommen",
        "zwemmen zwem zwemt zwom zwommen gezwommen",
        "tekenen tekent tekende tekenden getekend",
        "kijken kijk kijkt keek keken gekeken",
        "luisteren luister luistert luisterde luisterden geluisterd",
        "vertellen vertel vertelt vertelde vertelden verteld",
        "helpen help helpt hielp hielpen geholpen",
        "delen deel deelt deelde deelden gedeeld",
        "groeien groei groeit groeide groeiden gegroeid",
        "opgroeien opgroei opgroeit opgroeide opgroeiden opgegroeid",
        "zitten zit zat zaten gezeten",
        "schrijven schrijf schrijft schreef schreven geschreven",
        "zoeken zoek zoekt zocht zochten gezocht",
        "brengen breng brengt bracht brachten gebracht",
        "krijgen krijg krijgt kreeg kregen gekregen",
        "geven geef geeft gaf gaven gegeven",
        "blijven blijf blijft bleef bleven gebleven",
        "huilen huil huilt huilde huilden gehuild",
        "lachen lach lacht lachte lachten gelachen",
        "springen spring springt sprong sprongen gesprongen",
        "bouwen bouw bouwt bouwde bouwden gebouwd",
        "koken kook kookt kookte kookten gekookt",
        "wandelen wandel wandelt wandelde wandelden gewandeld",
        "ontdekken ontdek ontdekt ontdekte ontdekten",
        "kind kinderen",
        "ei eieren",
    ];

    private static readonly Dictionary<string, string> Forms = BuildForms();

    /// <summary>
    /// The word a folded, lower-case word counts as before stemming: its infinitive or singular
    /// from the curated list; a diminutive plural without its final s ("liedjes" → "liedje", which
    /// Snowball leaves apart); otherwise the word itself.
    /// </summary>
    public static string Normalise(string folded)
    {
        if (Forms.TryGetValue(folded, out var lemma))
            return lemma;
        // Snowball keeps the s of "-jes" (a vowel precedes it), so "liedjes" and "liedje" would
        // never meet. Nearly every Dutch word ending in "jes" is such a plural.
        if (folded.Length > 4 && folded.EndsWith("jes", StringComparison.Ordinal))
            return folded[..^1];
        return folded;
    }

    private static Dictionary<string, string> BuildForms()
    {
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in Families)
        {
            var words = family.Split(' ');
            foreach (var form in words.Skip(1))
                forms.Add(form, words[0]);
        }

        return forms;
    }
}
