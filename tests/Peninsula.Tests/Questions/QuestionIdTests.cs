using Peninsula.Questions;

namespace Peninsula.Tests.Questions;

/// <summary>The id a question gets from its title when none is given (questions add, POST /api/questions).</summary>
public sealed class QuestionIdTests
{
    [Theory]
    [InlineData("Will North Korea launch an ICBM before 2027?", "will-north-korea-launch-an-icbm-before-2027")]
    [InlineData("Élise's question: a summit in 2027?", "elise-s-question-a-summit-in-2027")]
    // Korean by the Revised Romanization, syllable by syllable, not "2027-icbm", the digits and Latin letters alone.
    [InlineData("북한은 2027년 말 이전에 ICBM을 발사할 것인가?", "bughaneun-2027nyeon-mal-ijeone-icbmeul-balsahal-geosinga")]
    [InlineData("朝鲜会在2027年前进行核试验吗？", "chaoxianhuizai2027nianqianjinxingheshiyanma")]
    [InlineData("?!", "question")]
    public void An_id_is_the_title_s_words_in_latin_letters_lower_case_joined_by_hyphens(string title, string id) =>
        Assert.Equal(id, Question.IdFrom(title));

    [Fact]
    public void An_id_from_a_long_title_is_cut_at_60_characters()
    {
        var id = Question.IdFrom("Will North Korea conduct a seventh nuclear test at Punggye-ri before the end of 2027?");
        Assert.Equal("will-north-korea-conduct-a-seventh-nuclear-test-at-punggye-r", id);
        Assert.True(id.Length <= 60);
    }
}
