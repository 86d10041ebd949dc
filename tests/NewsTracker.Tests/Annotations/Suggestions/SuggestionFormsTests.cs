using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Domain;

namespace NewsTracker.Tests.Annotations.Suggestions;

public sealed class SuggestionFormsTests
{
    [Theory]
    [InlineData("NATO", ActorKind.Organisation)]
    [InlineData("White House", ActorKind.GovernmentBody)]
    [InlineData("Ukraine", ActorKind.Country)]
    [InlineData("the UK", ActorKind.Country)]
    [InlineData("Kremlin", ActorKind.GovernmentBody)]
    [InlineData("Pete Hegseth", ActorKind.Person)]
    [InlineData("Ministry of Justice", ActorKind.GovernmentBody)]
    [InlineData("Bank of England", ActorKind.Organisation)]
    [InlineData("ZHDA", ActorKind.Organisation)]
    [InlineData("Kyiv", ActorKind.Other)]
    [InlineData("tomorrow", ActorKind.Other)]
    public void A_new_actors_kind_is_guessed_from_what_it_is_not_person_by_default(string name, ActorKind expected) =>
        Assert.Equal(expected, SuggestionForms.GuessKind(name, []));

    [Fact]
    public void The_registry_decides_the_kind_of_a_name_it_knows() =>
        Assert.Equal(ActorKind.Organisation, SuggestionForms.GuessKind("Zubrowski", [new KnownActor(7, "Zubrowski", ActorKind.Organisation, [])]));

    [Fact]
    public void A_wording_turned_down_on_three_articles_more_than_accepted_is_muted()
    {
        Assert.Null(SuggestionForms.Apply(0.9, new SuggestionForms.Tally(AcceptedOn: 0, RejectedOn: 3)));
        Assert.Null(SuggestionForms.Apply(0.9, new SuggestionForms.Tally(AcceptedOn: 2, RejectedOn: 3)));
        Assert.Equal(0.9, SuggestionForms.Apply(0.9, new SuggestionForms.Tally(AcceptedOn: 0, RejectedOn: 2)));
        Assert.Equal(0.9, SuggestionForms.Apply(0.9, new SuggestionForms.Tally(AcceptedOn: 3, RejectedOn: 3)));
    }

    [Fact]
    public void Each_article_a_wording_was_accepted_on_raises_its_confidence_up_to_a_ceiling()
    {
        Assert.Equal(0.6, SuggestionForms.Apply(0.4, new SuggestionForms.Tally(AcceptedOn: 2, RejectedOn: 0))!.Value, 3);
        Assert.Equal(0.95, SuggestionForms.Apply(0.9, new SuggestionForms.Tally(AcceptedOn: 5, RejectedOn: 0))!.Value, 3);
        Assert.True(SuggestionForms.Apply(0.4, new SuggestionForms.Tally(AcceptedOn: 3, RejectedOn: 0)) >= Suggestion.ShownByDefault);
    }

    [Theory]
    [InlineData("  Vladimir\n Putin ", "vladimir putin")]
    [InlineData("NATO", "nato")]
    public void Wordings_compare_trimmed_folded_and_in_lower_case(string text, string form) =>
        Assert.Equal(form, SuggestionForms.Normalise(text));
}
