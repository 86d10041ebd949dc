using System.Net.Http.Headers;
using NewsTracker.Web.Feeds;

namespace NewsTracker.Tests.Feeds;

public sealed class FeedScheduleTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private static readonly FeedsOptions Options = new();

    [Theory]
    [InlineData(new[] { 30, 60, 90, 120 }, 30)]
    [InlineData(new[] { 10, 200 }, 100)]
    [InlineData(new[] { 180 }, 180)]
    [InlineData(new[] { 1, 2, 3 }, 5)]
    [InlineData(new[] { 60 * 24 * 3 }, 60 * 24)]
    public void Learns_the_interval_from_the_newest_items_up_to_now_within_the_bounds(int[] minutesAgo, int expectedMinutes)
    {
        var interval = FeedSchedule.AdaptiveInterval(minutesAgo.Select(m => (DateTime?)Now.AddMinutes(-m)), Now, Options);

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), interval);
    }

    [Fact]
    public void Without_dates_the_interval_is_the_default_and_future_dates_are_ignored()
    {
        Assert.Equal(Options.DefaultInterval, FeedSchedule.AdaptiveInterval([null, null], Now, Options));
        Assert.Equal(Options.DefaultInterval, FeedSchedule.AdaptiveInterval([Now.AddDays(3)], Now, Options));
    }

    [Fact]
    public void Only_the_newest_twenty_items_count_so_an_old_archive_does_not_slow_a_busy_feed()
    {
        var busy = Enumerable.Range(1, FeedSchedule.FrequencySample).Select(i => (DateTime?)Now.AddMinutes(-10 * i));
        var archive = Enumerable.Range(1, 500).Select(i => (DateTime?)Now.AddDays(-i - 30));

        Assert.Equal(TimeSpan.FromMinutes(10), FeedSchedule.AdaptiveInterval(busy.Concat(archive), Now, Options));
    }

    [Fact]
    public void An_override_wins_over_what_was_learnt()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), FeedSchedule.Interval(15, 600, Options));
        Assert.Equal(TimeSpan.FromMinutes(600), FeedSchedule.Interval(null, 600, Options));
        Assert.Equal(Options.MaxInterval, FeedSchedule.Interval(null, 10_000, Options));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 640)]
    [InlineData(9, 1280)]
    [InlineData(10, 1440)]
    [InlineData(500, 1440)]
    public void Backs_off_exponentially_from_the_minimum_to_the_maximum(int failures, int expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), FeedSchedule.Backoff(failures, Options));

    [Fact]
    public void The_server_delay_is_the_longest_of_ttl_max_age_and_retry_after_capped_at_a_week()
    {
        var maxAge = new CacheControlHeaderValue { MaxAge = TimeSpan.FromHours(2) };

        Assert.Equal(TimeSpan.FromHours(3), FeedSchedule.ServerDelay(TimeSpan.FromHours(3), maxAge, TimeSpan.FromMinutes(10), Options));
        Assert.Equal(TimeSpan.FromHours(2), FeedSchedule.ServerDelay(null, maxAge, null, Options));
        Assert.Equal(TimeSpan.FromHours(5), FeedSchedule.ServerDelay(null, null, TimeSpan.FromHours(5), Options));
        Assert.Equal(TimeSpan.Zero, FeedSchedule.ServerDelay(null, new CacheControlHeaderValue { NoCache = true }, null, Options));
        Assert.Equal(TimeSpan.FromDays(7), FeedSchedule.ServerDelay(TimeSpan.FromDays(365), null, null, Options));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), FeedSchedule.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)), Now));
        Assert.Equal(TimeSpan.FromMinutes(30), FeedSchedule.RetryAfter(new RetryConditionHeaderValue(new DateTimeOffset(Now.AddMinutes(30))), Now));
        Assert.Null(FeedSchedule.RetryAfter(new RetryConditionHeaderValue(new DateTimeOffset(Now.AddMinutes(-30))), Now));
        Assert.Null(FeedSchedule.RetryAfter(null, Now));
    }

    [Theory]
    [InlineData(true, 3, false, true, FeedStatus.Paused)]
    [InlineData(false, 2, false, true, FeedStatus.Error)]
    [InlineData(false, 2, true, true, FeedStatus.BackingOff)]
    [InlineData(false, 0, false, false, FeedStatus.New)]
    [InlineData(false, 0, false, true, FeedStatus.Ok)]
    public void A_status_says_paused_error_backing_off_new_or_ok(bool paused, int errors, bool transient, bool everChecked, FeedStatus expected) =>
        Assert.Equal(expected, FeedSchedule.Status(paused, errors, transient, everChecked ? Now : null));

    [Fact]
    public void The_default_options_are_valid_and_nonsense_is_named()
    {
        Assert.Empty(Options.Validate());
        var problems = new FeedsOptions { MaxConcurrency = 0, MinInterval = TimeSpan.FromHours(2), MaxInterval = TimeSpan.FromHours(1) }.Validate();
        Assert.Contains(problems, p => p.Contains("MaxConcurrency", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MinInterval", StringComparison.Ordinal));
    }
}
