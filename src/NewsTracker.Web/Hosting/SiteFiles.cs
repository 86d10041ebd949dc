using System.Globalization;
using System.Text;
using System.Xml;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Hosting;

/// <summary>
/// What crawlers ask a site for: <c>/robots.txt</c> (staff and form pages off limits, where the sitemap is) and
/// <c>/sitemap.xml</c> listing every page anonymous readers can open: articles, published topics, published claims.
/// Past <c>Sitemap:MaxUrlsPerFile</c> (50,000, the protocol's limit) <c>/sitemap.xml</c> becomes a sitemap index of
/// <c>/sitemaps/{n}.xml</c> parts. Every address is under <see cref="PublicUrls"/>.
/// </summary>
public static class SiteFiles
{
    public const int ProtocolMaxUrls = 50_000;

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Paths crawlers are asked to leave alone: forms, staff pages and the API.</summary>
    public static readonly IReadOnlyList<string> DisallowedPaths =
        ["/account/", "/api/", "/setup", "/search", "/articles/add", "/feeds", "/annotations/", "/following", "/topics/new"];

    public static IEndpointRouteBuilder MapSiteFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpRequest request) => Results.Text(Robots(PublicUrls.For(request)), "text/plain; charset=utf-8"))
            .ExcludeFromDescription();

        app.MapGet("/sitemap.xml", async (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Text(await mediator.Send(new Query(null, PublicUrls.For(request)), cancellationToken), "application/xml; charset=utf-8"))
            .ExcludeFromDescription();

        app.MapGet("/sitemaps/{part:int}.xml", async (int part, HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new Query(part, PublicUrls.For(request)), cancellationToken) is { } xml
                    ? Results.Text(xml, "application/xml; charset=utf-8")
                    : Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }

    public static string Robots(Uri site)
    {
        var text = new StringBuilder("User-agent: *\n");
        foreach (var path in DisallowedPaths)
        {
            text.Append("Disallow: ").Append(path).Append('\n');
        }

        return text.Append("Allow: /\n\nSitemap: ").Append(PublicUrls.Absolute(site, "/sitemap.xml")).Append('\n').ToString();
    }

    /// <summary>The sitemap (<paramref name="Part"/> null: the whole list, or the index when it is too long) or one
    /// part of it (1-based); null for a part that does not exist.</summary>
    public sealed record Query(int? Part, Uri Site) : IRequest<string?>;

    public sealed class Handler(NewsTrackerDbContext db, IConfiguration configuration) : IRequestHandler<Query, string?>
    {
        public async Task<string?> Handle(Query request, CancellationToken cancellationToken)
        {
            var perFile = Math.Clamp(configuration.GetValue("Sitemap:MaxUrlsPerFile", ProtocolMaxUrls), 1, ProtocolMaxUrls);
            var articles = Articles();
            var topics = Topics();
            var claims = Claims();
            var counts = new[] { await articles.CountAsync(cancellationToken), await topics.CountAsync(cancellationToken), await claims.CountAsync(cancellationToken) };
            var total = counts.Sum();
            var parts = Math.Max(1, (total + perFile - 1) / perFile);

            if (request.Part is null && parts > 1)
            {
                return Index(request.Site, parts);
            }

            var part = request.Part ?? 1;
            if (part < 1 || part > parts || (request.Part is not null && parts == 1))
            {
                return null;
            }

            // The parts walk articles, then topics, then claims, each in id order; a part may span two kinds.
            var offset = (part - 1) * perFile;
            var urls = new List<(string Path, DateTime Modified)>(Math.Min(perFile, total));
            var sources = new[] { articles, topics, claims };
            Func<SitemapRow, string>[] paths =
            [
                a => $"/articles/{a.Id.ToString(CultureInfo.InvariantCulture)}/{a.Slug}",
                t => $"/topics/{t.Slug}",
                c => $"/claims/{c.Id.ToString(CultureInfo.InvariantCulture)}",
            ];
            for (var kind = 0; kind < sources.Length && urls.Count < perFile; kind++)
            {
                if (offset >= counts[kind])
                {
                    offset -= counts[kind];
                    continue;
                }

                var rows = await sources[kind].Skip(offset).Take(perFile - urls.Count).ToListAsync(cancellationToken);
                urls.AddRange(rows.Select(row => (paths[kind](row), row.Modified)));
                offset = 0;
            }

            return UrlSet(request.Site, urls);
        }

        private IQueryable<SitemapRow> Articles() => db.Articles.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new SitemapRow(a.Id, a.Slug, a.UpdatedUtc));

        private IQueryable<SitemapRow> Topics() => db.Topics.AsNoTracking().Where(t => t.IsPublished).OrderBy(t => t.Id)
            .Select(t => new SitemapRow(t.Id, t.Slug, t.UpdatedUtc));

        private IQueryable<SitemapRow> Claims() => db.Claims.AsNoTracking().Where(c => c.State == ReviewState.Published).OrderBy(c => c.Id)
            .Select(c => new SitemapRow(c.Id, null, c.UpdatedUtc));
    }

    /// <summary>One page in the sitemap: its row's id and slug, and when it last changed.</summary>
    public sealed record SitemapRow(int Id, string? Slug, DateTime Modified);

    private static string Index(Uri site, int parts) => Write("sitemapindex", writer =>
    {
        for (var part = 1; part <= parts; part++)
        {
            writer.WriteStartElement("sitemap", SitemapNamespace);
            writer.WriteElementString("loc", SitemapNamespace, PublicUrls.Absolute(site, $"/sitemaps/{part.ToString(CultureInfo.InvariantCulture)}.xml"));
            writer.WriteEndElement();
        }
    });

    private static string UrlSet(Uri site, IEnumerable<(string Path, DateTime Modified)> urls) => Write("urlset", writer =>
    {
        foreach (var (path, modified) in urls)
        {
            writer.WriteStartElement("url", SitemapNamespace);
            writer.WriteElementString("loc", SitemapNamespace, PublicUrls.Absolute(site, path));
            writer.WriteElementString("lastmod", SitemapNamespace, DateTime.SpecifyKind(modified, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }
    });

    private static string Write(string root, Action<XmlWriter> body)
    {
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = false, OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement(root, SitemapNamespace);
            body(writer);
            writer.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + output;
    }
}
