"""pipeline/hackernews_split.py: Hacker News "Who is hiring?" comments into one job per job listed."""

from __future__ import annotations

import pytest

from pipeline.hackernews_split import CommentJob, comment_lines, is_hiring, split_comment


def titles(text: str) -> list[str]:
    return [job.title for job in split_comment(text)]


def roles(text: str) -> list[str | None]:
    return [job.role for job in split_comment(text)]


# --- pipe headers


def test_a_pipe_header_with_one_job_gives_its_fields() -> None:
    [job] = split_comment("Tidewell Health | Senior Backend Engineer | Remote (US) | Full-time | $160k-$190k"
                          "<p>We build scheduling software for nurses.")

    assert job == CommentJob(title="Tidewell Health | Senior Backend Engineer", company="Tidewell Health",
                             role="Senior Backend Engineer", locations=("Remote (US)",), workplace="remote",
                             employment_type="Full-time")


def test_a_pipe_header_listing_jobs_gives_one_job_each_with_the_same_fields() -> None:
    jobs = split_comment("Acme | Backend Engineer, ML Engineer | Berlin | ONSITE<p>We make maps.")

    assert [job.title for job in jobs] == ["Acme | Backend Engineer", "Acme | ML Engineer"]
    assert {(job.company, job.locations, job.workplace) for job in jobs} == {("Acme", ("Berlin",), "onsite")}


@pytest.mark.parametrize(("field", "expected"), [
    ("Software Engineer, Full Stack", ["Software Engineer, Full Stack"]),  # a qualifier, not a second job
    ("Software Engineers (Product, System, SDK)", ["Software Engineers (Product, System, SDK)"]),
    ("Senior Fullstack Engineer, Senior DevOps Engineer", ["Senior Fullstack Engineer", "Senior DevOps Engineer"]),
    ("Frontend Developer; Data Scientist; QA Engineer", ["Frontend Developer", "Data Scientist", "QA Engineer"]),
    ("iOS Engineer / Android Engineer", ["iOS Engineer / Android Engineer"]),  # a slash often joins names of one job
    ("Security Consultant / Penetration Tester", ["Security Consultant / Penetration Tester"]),
    ("Backend/Frontend Engineer", ["Backend/Frontend Engineer"]),
    ("Research Scientist/Engineer", ["Research Scientist/Engineer"]),
    ("Mid/Senior Software Engineer", ["Mid/Senior Software Engineer"]),
    ("Software Engineers & Platform Engineer", ["Software Engineers", "Platform Engineer"]),
    ("Senior Go Engineer and Bioinformatics Developer", ["Senior Go Engineer", "Bioinformatics Developer"]),
    ("Sales and Marketing Manager", ["Sales and Marketing Manager"]),
    ("Research and Development Engineer", ["Research and Development Engineer"]),
    ("Roles: [Engineering Manager (Ruby on Rails), Lead Product Engineer, Senior Android Developer]",
     ["Engineering Manager (Ruby on Rails)", "Lead Product Engineer", "Senior Android Developer"]),
])
def test_role_lists_split_only_where_every_part_names_a_job(field: str, expected: list[str]) -> None:
    assert roles(f"Acme | {field} | Remote<p>About us.") == expected


def test_titles_join_the_company_and_each_job() -> None:
    assert titles("AREO | Remote (EU) | Full-Time | Roles: [Engineering Manager, Senior Android Developer]") == [
        "AREO | Engineering Manager", "AREO | Senior Android Developer"]


def test_html_entities_and_paragraphs_of_algolia_text_are_decoded() -> None:
    text = ("Tom &amp; Jerry&#x27;s | Data Engineer | Paris, France<p>We&#x27;re a cheese "
            "marketplace.<p>Apply at <a href=\"https:&#x2F;&#x2F;tj.example&#x2F;jobs\">"
            "https:&#x2F;&#x2F;tj.example</a>")
    [job] = split_comment(text)

    assert (job.title, job.company, job.locations) == (
        "Tom & Jerry's | Data Engineer", "Tom & Jerry's", ("Paris, France",))
    assert comment_lines(text)[1:] == ["We're a cheese marketplace.", "Apply at https://tj.example"]


def test_a_pipe_inside_a_url_does_not_split_the_header() -> None:
    text = ("Quillborne | ML Engineer, Data Engineer | Berlin, Germany | ONSITE | "
            "<a href=\"https:&#x2F;&#x2F;q.example&#x2F;jobs?team=ml|data\">"
            "https:&#x2F;&#x2F;q.example&#x2F;jobs?team=ml|data</a>")

    assert titles(text) == ["Quillborne | ML Engineer", "Quillborne | Data Engineer"]


def test_a_url_in_brackets_after_the_company_is_not_part_of_its_name() -> None:
    [job] = split_comment("Zigment (https://zigment.example) | Software Engineer | Bangalore, India | ONSITE")

    assert (job.company, job.locations, job.workplace) == ("Zigment", ("Bangalore, India",), "onsite")


def test_a_yc_batch_is_not_part_of_the_company_name() -> None:
    [job] = split_comment("Enveritas (YC S18, non-profit) | Backend Software Engineer | Remote (Global)")

    assert (job.company, job.title) == ("Enveritas", "Enveritas | Backend Software Engineer")


def test_a_header_without_a_job_is_one_job_titled_by_the_header() -> None:
    [job] = split_comment("Innolitics | US-Based | Remote | Full-time<p>We write software for medical devices.")

    assert job == CommentJob(title="Innolitics | US-Based | Remote | Full-time", company="Innolitics",
                             locations=("US-Based",), workplace="remote", employment_type="Full-time")


def test_a_header_that_only_says_multiple_roles_is_one_job_unless_the_text_lists_them() -> None:
    assert titles("Procore | Multiple Engineering Roles | Austin, TX | Onsite<p>See our careers page.") == [
        "Procore | Multiple Engineering Roles | Austin, TX | Onsite"]
    assert titles("CrazyGames | REMOTE (in Europe) | Multiple roles<p>Open positions:<p>- Product Director"
                  "<p>- Graphic Designer (Marketing)<p>We are a browser games platform.") == [
        "CrazyGames | Product Director", "CrazyGames | Graphic Designer (Marketing)"]


def test_the_place_first_header_takes_the_company_from_a_later_field() -> None:
    [job] = split_comment("New York City, NY (Union Square) | Vettery | ONSITE | Full-time Full Stack Engineer")

    assert (job.company, job.role, job.locations) == (
        "Vettery", "Full-time Full Stack Engineer", ("New York City, NY (Union Square)",))


def test_a_company_with_a_dashed_workplace_in_its_field() -> None:
    [job] = split_comment("Basho Technologies - Remote | Seattle | Tokyo | London<p>We build databases.")

    assert (job.company, job.locations, job.workplace) == (
        "Basho Technologies", ("Seattle", "Tokyo", "London"), "remote")


def test_contact_fields_are_not_the_company() -> None:
    jobs = split_comment("Zurich | Big Data Engineer, Data Scientist | ONSITE | Contact: https://example.org/me")

    assert [(job.company, job.role) for job in jobs] == [(None, "Big Data Engineer"), (None, "Data Scientist")]
    assert [job.title for job in jobs] == ["Big Data Engineer", "Data Scientist"]


# --- older headers: dashes, commas, a place on a line of its own


def test_a_dashed_header_of_2013() -> None:
    [job] = split_comment("<font color=\"#000000\">Stormpulse – Austin, TX – Full-time, permanent – "
                          "(<a href=\"http://stormpulse.example\">http://stormpulse.example</a>)"
                          "<p>Our mission: to interpret the Earth's most threatening data.</p>"
                          "<p>-- Senior Python Developer --</p>")

    assert (job.company, job.locations, job.employment_type) == ("Stormpulse", ("Austin, TX",), "Full-time")


def test_a_comma_header() -> None:
    [job] = split_comment("Onfleet, San Francisco, On-site, Lead Mobile Engineer<p>We route deliveries.")

    assert (job.title, job.locations, job.workplace) == (
        "Onfleet | Lead Mobile Engineer", ("San Francisco",), "onsite")


def test_a_place_on_its_own_line_then_the_company() -> None:
    [job] = split_comment("<p>San Francisco, CA</p><p>Sociable Labs - <a href=\"http://sl.example\">"
                          "http://sl.example</a></p><p>We need front-end engineers.</p>")

    assert (job.company, job.locations) == ("Sociable Labs", ("San Francisco, CA",))


def test_a_company_with_its_place_in_brackets() -> None:
    [job] = split_comment("Qualcomm (San Diego, CA, USA) -- Staff Kubernetes Platform Engineer -- onsite")

    assert job == CommentJob(title="Qualcomm | Staff Kubernetes Platform Engineer", company="Qualcomm",
                             role="Staff Kubernetes Platform Engineer", locations=("San Diego, CA, USA",),
                             workplace="onsite")


def test_a_job_at_a_company() -> None:
    [job] = split_comment("Software Engineer at VaxTrac (http://vaxtrac.example) | Washington, DC | Full-time")

    assert (job.title, job.company, job.locations) == (
        "VaxTrac | Software Engineer", "VaxTrac", ("Washington, DC",))


def test_no_remote_is_onsite() -> None:
    [job] = split_comment("New York, NY - No remote possible, sorry<p>We need a Rails developer.")

    assert (job.company, job.locations, job.workplace) == (None, ("New York, NY",), "onsite")


def test_a_leading_edit_note_is_not_the_header() -> None:
    [job] = split_comment("EDIT: we are no longer hiring for the designer role.<p>Acme | Data Engineer | Oslo")

    assert job.title == "Acme | Data Engineer"


# --- jobs listed in the text


def test_a_roles_list_introduced_in_the_text() -> None:
    text = ("Orchard Ledger | London, UK | Hybrid<p>We keep the books for farms.<p>Open roles:"
            "<p>- Product Designer<p>* Staff Platform Engineer (Kubernetes)<p>• Data Analyst"
            "<p>More at https://orchard.example")

    assert titles(text) == ["Orchard Ledger | Product Designer",
                            "Orchard Ledger | Staff Platform Engineer (Kubernetes)", "Orchard Ledger | Data Analyst"]


def test_a_numbered_list_of_jobs_with_their_descriptions() -> None:
    text = ("MiLabs | Bilbao, Spain | ONSITE<p>We are hiring for two core roles:"
            "<p>1. Senior Go Engineer: You will build distributed systems for genomic data."
            "<p>2. Bioinformatics Developer (Antibody Discovery): You will work on the scientific core."
            "<p>Comp: ~€90k - €120k.")

    assert roles(text) == ["Senior Go Engineer", "Bioinformatics Developer (Antibody Discovery)"]


def test_an_inline_list_after_a_colon() -> None:
    assert roles("Fernpath | Toronto<p>Hiring: Backend Engineer, Product Designer<p>We map trails.") == [
        "Backend Engineer", "Product Designer"]


def test_unintroduced_lines_that_are_only_job_titles() -> None:
    text = ("AcademicWorks - Austin TX<p>Senior Rails Software Engineer,<p>Client Support Engineer,"
            "<p>Lead QA Engineer<p>Learn more at https://aw.example/careers")

    assert roles(text) == ["Senior Rails Software Engineer", "Client Support Engineer", "Lead QA Engineer"]


def test_list_lines_keep_a_short_qualifier_after_a_dash_but_not_pay_or_links() -> None:
    text = ("Boston Globe Media - Boston, MA<p>Our open roles in engineering are:"
            "<p>- Lead Software Engineer - BostonGlobe.com<p>- Lead Software Engineer - Digital Marketplaces"
            "<p>- Senior Privacy Engineer - $178,500 USD + equity<p>- .NET Developer"
            "<p>- Fullstack Developer (http://jobs.example/dailyburn/fullstack)")

    assert roles(text) == ["Lead Software Engineer - BostonGlobe.com", "Lead Software Engineer - Digital Marketplaces",
                           "Senior Privacy Engineer", ".NET Developer", "Fullstack Developer"]


def test_links_between_list_lines_do_not_end_the_list() -> None:
    text = ("DuckDuckGo | Multiple Roles | Remote<p>We are a privacy company.<p>Senior Privacy Engineer - $178,500"
            "<p>https://jobs.example/1<p>VP, Business Development - $320,000<p>https://jobs.example/2")

    assert roles(text) == ["Senior Privacy Engineer", "VP, Business Development"]


def test_a_list_of_several_jobs_wins_over_a_header_naming_one() -> None:
    text = ("Lantern | Software Engineers (Python, Full-Stack) | NYC (Onsite)<p>We build agents."
            "<p>Senior Software Engineer: You'll own complex problems.<p>Junior Software Engineer: You'll work "
            "across our stack.<p>Apply: https://forms.example")

    assert roles(text) == ["Senior Software Engineer", "Junior Software Engineer"]


def test_double_dash_bullets_and_headings_in_a_list() -> None:
    assert roles("Galaxy | NYC, NY | Full time<p>-- Founding Frontend Engineer<p>-- Founding Backend Engineer") == [
        "Founding Frontend Engineer", "Founding Backend Engineer"]
    assert roles("LiveRamp | SF<p>We are looking for engineers for the following positions:<p>DevOps Engineer"
                 "<p>Data Scientist<p>And for new grads and interns:<p>Generalist Software Engineer") == [
        "DevOps Engineer", "Data Scientist"]


def test_a_link_to_a_jobs_page_does_not_introduce_a_list() -> None:
    text = ("Goody | Remote | $170-230K + equity | Full-time<p>Goody is hiring a full-stack engineer."
            "<p>Apply at https://jobs.goody.example/swe and feel free to email me.")

    assert titles(text) == ["Goody | Remote | $170-230K + equity | Full-time"]


def test_requirement_bullets_are_not_jobs() -> None:
    text = ("Acme | Senior Data Engineer | Remote<p>What we're looking for:<p>- 5+ years as a data engineer"
            "<p>- Strong Python<p>- Experience with Airflow")

    assert titles(text) == ["Acme | Senior Data Engineer"]
    assert roles("Acme | Remote<p>About the role:<p>- You will own our pipelines<p>- Python") == [None]
    assert roles("Raytheon BBN | Cambridge, MA<p>Nice to have:<p>* Reverse engineering"
                 "<p>* System analysis and engineering") == [None]


def test_a_sentence_naming_several_jobs() -> None:
    text = ("Lanternfish Robotics (Pittsburgh, PA) - hybrid<p>We are hiring a Perception Engineer and a "
            "Firmware Developer to join our field team.")
    jobs = split_comment(text)

    assert [job.title for job in jobs] == ["Lanternfish Robotics | Perception Engineer",
                                           "Lanternfish Robotics | Firmware Developer"]
    assert {(job.locations, job.workplace) for job in jobs} == {(("Pittsburgh, PA",), "hybrid")}


@pytest.mark.parametrize("sentence", [
    "We're looking for a couple of developers to join our team.",
    "We are hiring UX and Erlang developers.",
    "We are hiring for backend, frontend and mobile engineers.",
])
def test_a_sentence_naming_one_job_or_an_unclear_list_is_one_job(sentence: str) -> None:
    assert titles(f"Acme - Berlin<p>{sentence}") == ["Acme - Berlin"]


# --- comments without a header, and comments that are no job post


def test_a_comment_without_a_header_is_one_job_titled_by_its_first_line() -> None:
    [job] = split_comment("We&#x27;re a small bakery-software shop in Lisbon looking for someone who enjoys "
                          "Elixir.<p>Drop me a line at jobs@crumbware.example")

    assert job == CommentJob(title="We're a small bakery-software shop in Lisbon looking for someone who "
                                   "enjoys Elixir.")


def test_a_long_first_line_is_cut_at_a_word() -> None:
    [job] = split_comment("We are hiring at a company " + "that builds very useful things " * 10)

    assert len(job.title) <= 151 and job.title.endswith(" very useful…")


@pytest.mark.parametrize("text", [
    "Is there a way to see only the posts that mention visa sponsorship?",
    "A friendly reminder: the items listed here are available on a map at https://whoishiring.example",
    "Aggregated for easier reading: https://hn-digest.example/who-is-hiring-jan-2026/",
    "wow great",
    "",
    None,
])
def test_a_comment_that_is_no_job_post_gives_no_job(text: str | None) -> None:
    assert split_comment(text) == []


def test_a_job_post_needs_no_question_mark_free_text_to_count() -> None:
    assert is_hiring(["Acme | Remote", "Interested? Email us."])
    assert not is_hiring([])
