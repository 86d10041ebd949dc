using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Api;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Ingestion.Extraction;
using NewsTracker.Web.Ingestion.Fetching;
using NewsTracker.Web.Search;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;
using Serilog;

namespace NewsTracker.Web.Hosting;

/// <summary>The composition root: every service and the request pipeline, in one place.</summary>
public static class NewsTrackerHost
{
    public const string LoginRateLimit = "login";

    /// <summary>The health checks <c>/healthz/ready</c> runs (all of them, today); <c>/healthz/live</c> runs none.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Authorization policy names.</summary>
    public static class Policies
    {
        public const string Journalist = nameof(Journalist);
        public const string Editor = nameof(Editor);
        public const string Admin = nameof(Admin);
        public const string ApiJournalist = nameof(ApiJournalist);
    }

    public static WebApplicationBuilder AddNewsTracker(this WebApplicationBuilder builder, bool commandLineMode = false)
    {
        var services = builder.Services;
        var dataDirectory = StorageOptions.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Configuration[$"{StorageOptions.Section}:DataDirectory"] = dataDirectory;

        builder.AddNewsTrackerLogging(dataDirectory, commandLineMode);
        builder.AddNewsTrackerTelemetry();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PublicUrls>();
        services.AddNewsTrackerDatabase(builder.Configuration, dataDirectory);
        if (!commandLineMode)
        {
            // Hosted services start in the order they were added: the database is migrated before anything
            // that reads it at start (the Data Protection key ring loads from it; the feed scheduler polls).
            services.AddHostedService<DatabaseInitializer>();
        }

        services.AddApplicationLayer(typeof(NewsTrackerHost).Assembly);
        services.AddTagging();
        services.AddScoped<AdminSetup>();
        services.AddSafeFetching(builder.Configuration);
        services.AddSingleton<HtmlArticleExtractor>();
        services.AddScoped<ArticlePreparer>();
        services.AddSearchIndex();
        services.AddTopics();
        Feeds.FeedsRegistration.AddFeeds(services, builder.Configuration);
        services.AddOptions<Stories.StoriesOptions>().Bind(builder.Configuration.GetSection(Stories.StoriesOptions.Section));
        services.AddSingleton<Stories.EventTermStatistics>();

        // The key ring lives in the database, so every instance on it shares one: a sign-in cookie or form token
        // made by one is accepted by the others, and a backup carries the keys with the data they protect.
        services.AddDataProtection()
            .SetApplicationName("NewsTracker")
            .PersistKeysToDbContext<NewsTrackerDbContext>();

        AddAccounts(services);
        services.AddSessionChecks(builder.Configuration);
        if (commandLineMode)
        {
            return builder;
        }

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizePage("/Articles/Add", Policies.Journalist);
            options.Conventions.AuthorizePage("/Account/Manage");
            options.Conventions.AuthorizePage("/Topics/New", Policies.Editor);
            options.Conventions.AuthorizePage("/Topics/Edit", Policies.Editor);
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Setup");
        }).AddMvcOptions(options => options.Filters.Add<ExceptionPageFilter>());

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "nt.csrf";
            // ASP.NET refuses to issue tokens over plain http with Always, which would break every form at
            // http://localhost:5000; this cookie carries no credential, and under TLS it is Secure anyway.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });

        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "nt.notice";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                context.ProblemDetails.Detail ??= RequestBodyLimits.ApiDetail(context.HttpContext);
            }
        });
        services.AddOpenApi(OpenApiDocumentation.Configure);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag])
            .AddCheck<SearchIndexHealthCheck>("search-index", tags: [ReadyTag]);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(builder.Configuration.GetValue("Hsts:MaxAgeDays", 365));
            options.IncludeSubDomains = builder.Configuration.GetValue("Hsts:IncludeSubDomains", false);
        });
        services.AddRateLimiter(options =>
        {
            var permits = builder.Configuration.GetValue("RateLimiting:LoginPermitsPerMinute", 10);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(LoginRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reads"));
            options.GlobalLimiter = ApiRateLimits.Create(builder.Configuration, IsApi);
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (IsApi(http))
                {
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many requests.",
                            Detail = "This token or address has made more API requests than allowed this minute. Wait for the seconds in Retry-After and try again.",
                        },
                    });
                    return;
                }

                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute and try again.", cancellationToken);
            };
        });

        return builder;
    }

    private static void AddAccounts(IServiceCollection services)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                // Failed sign-ins are throttled by Accounts/SignInThrottle, never by locking the account; the lockout
                // date marks an account an admin disabled, so every account must be able to carry one.
                options.Lockout.AllowedForNewUsers = true;

                // NIST SP 800-63B: length over composition rules.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
            })
            .AddEntityFrameworkStores<NewsTrackerDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>();
        services.AddScoped<SignInThrottle>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "nt.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Journalist, p => p.RequireRole(Roles.Journalist, Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ApiJournalist, p => p
                .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Journalist, Roles.Editor, Roles.Admin));
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task WriteApiStatusProblemAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var http = context.HttpContext;
        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => "Send an API token: 'Authorization: Bearer nt_…'. Create one on your account page.",
            StatusCodes.Status403Forbidden => "Your token's account does not have the role this needs.",
            StatusCodes.Status413PayloadTooLarge => RequestBodyLimits.ApiDetail(http),
            StatusCodes.Status415UnsupportedMediaType => "Send JSON with 'Content-Type: application/json'.",
            _ => null,
        };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = http.Response.StatusCode, Detail = detail },
        });
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseNewsTracker(this WebApplication app)
    {
        // The API answers errors as ProblemDetails JSON (expected ones via ApiProblemFilter); pages get the
        // error page in the site layout, and bare status codes (404, 403…) re-execute it too.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = RequestBodyLimits.StatusOf });
            api.UseStatusCodePages(WriteApiStatusProblemAsync); // bare 401/403/404/413/415… get a ProblemDetails body
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = RequestBodyLimits.StatusOf });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        if (!app.Environment.IsDevelopment())
        {
            // Only on HTTPS responses (behind a TLS proxy once forwarded headers say so); never for localhost.
            app.UseHsts();
            if (app.Services.GetRequiredService<PublicUrls>().Configured is null)
            {
                app.Logger.LogWarning(
                    "NewsTracker:PublicBaseUrl is not set, so links in feeds, JSON-LD and the sitemap use each request's Host header; " +
                    "set it to the address readers use (docs/deployment.md, Operations)");
            }
        }

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging(options =>
        {
            // This host's own logger, not the process-wide static one (tests run several hosts at once).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            // The path only: query strings can carry one-time tokens.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (route {Route}, user {UserId})";
            options.GetLevel = (http, _, exception) => LoggingSetup.RequestLevel(http, exception);
            options.EnrichDiagnosticContext = LoggingSetup.EnrichRequest;
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestBodyLimits();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseOutputCache();

        app.MapHealthChecks("/healthz").DisableRateLimiting();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync }).DisableRateLimiting();
        app.MapNewsTrackerMetrics();
        app.MapSiteFiles();
        app.MapOpenApi();
        app.MapRazorPages();
        app.MapNewsTrackerApi();
        app.MapAnnotationsApi();
        app.MapClaimsApi();
        app.MapTopicsApi();
        return app;
    }
}
