"""uncited-statistic, superlative and vague-attribution on the shapes that decide them: the
document's own results, figures restated from a cited sentence, absolutes and their hedged forms."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "scan"


@pytest.fixture(scope="module")
def scanner():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    return Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))


def fired(scanner, text, rule):
    result = scanner.scan_text(text, fmt="markdown")
    return [f.sentence for f in result.flags if f.rule == rule]


def test_own_results_need_no_citation_but_claims_about_the_world_do(scanner):
    text = ("# Online recruitment\n\n## Introduction\n\nTraffickers placed 4,500 advertisements online last year.\n\n"
            "## Methods\n\nThe questionnaire went to 60 students, of whom 52 answered.\n\n"
            "### Sample\n\nWomen made up 61% of the sample.\n\n"
            "## Results\n\nOf the 52 respondents, 41% did not know how to report a profile.\n\n"
            "## Discussion\n\nAbout 30% of students in the country use dating apps.\n\n"
            "Our survey found that 41% of respondents did not know how to report a profile.\n")
    assert fired(scanner, text, "uncited-statistic") == [
        "Traffickers placed 4,500 advertisements online last year.",
        "About 30% of students in the country use dating apps."]


def test_a_tools_own_validation_section_reports_its_own_results(scanner):
    text = ("# Tool\n\n## Validation & Metrics\n\nOverall accuracy: 25.0% (3 of 12 test chats correct).\n\n"
            "## Background\n\nAbout 30% of teens met a stranger online.\n")
    assert fired(scanner, text, "uncited-statistic") == ["About 30% of teens met a stranger online."]


def test_respondents_of_someone_elses_poll_are_not_own_results(scanner):
    text = "In a national poll, 41% of respondents said platforms do too little.\n"
    assert fired(scanner, text, "uncited-statistic") == [text.strip()]


@pytest.mark.parametrize("sentence, sourced", [
    ("According to a 2018 research report, “A Roadmap for Systems and Industries”, 250 victims were recruited online.", True),
    ("The Tech Transparency Project analysis report (2020) identified 366 cases.", True),
    ("According to a 2018 research report, 250 victims were recruited online.", False),
    ("Offenders used “burner” phones in 250 cases.", False),
    ("This is because the firm has partnerships with about 1,332 police agencies.", False),  # an explanation, not a restatement
    ("UnitedHealth’s own financial reports estimate the damage in one quarter at $872 million.", True),
    ("When Edgar tried to cash out, it became clear that he had lost $78,000.", True),  # one person's story
    ("When investors tried to cash out, it became clear that they had lost $78 million.", False),
    ("In 2019, the Federal Statistics Office estimated that 250 victims were recruited online.", True),
    ("The Office on Crime Prevention (OCP) notes that nearly 40 percent of cases involve labour.", True),
    ("The 2009 Charities Proclamation stipulates that charities must raise 90% of their funds at home.", True),
    ("In 2019, an estimated 250 victims were recruited online.", False),
    ("In the 2014 TIP Report, religious groups are named as recruiters in 16 countries.", True),
    ("The Home Office, a department of the UK government, disclosed that it spent £534,000 on the campaign.", True),
    ("As the researchers explain, the filter can be fooled 99.9% of the time.", True),
    ("The South African Police Service has arrested eight suspects who stole 100 million rand.", True),
    ("The federal agency received over 16,000 sextortion complaints by July.", True),
    ("By comparison, OJJDP’s statistics attribute 53.1% of cases to a victim’s family.", True),
    ("Offenders, who are often known to the victim, stole 100 million rand.", False),
    ("Last June, the Criminal Police Organization (CPO) released new data: victims came from 66 countries.", True),
    ("The Criminal Police Organization said victims came from 66 countries. It added that 74 percent were moved.", True),
    ("The Sheriff's Department admitted to paying a ransom of $1.1 million.", True),
    ("Victims came from 66 countries. It added that 74 percent were moved.", False),
    ("In December 2014, the Thai Union Group announced the purchase of a rival for USD 1.5 billion.", True),
])
def test_a_work_named_in_the_prose_sources_its_figures(scanner, sentence, sourced):
    assert (fired(scanner, sentence + "\n", "uncited-statistic") == []) is sourced


def test_a_known_body_credited_with_no_work_of_it_is_flagged_as_such(scanner):
    """Issue 14: a figure attributed to a body but to no specific work of it still needs its source."""
    result = scanner.scan_text("Indeed, the ILO estimates that 16 percent of forced labour is imposed by states.\n",
                               fmt="markdown")
    [flag] = [f for f in result.flags if f.rule == "uncited-statistic"]
    assert "attributed in the prose to International Labour Organization" in flag.message
    assert "no specific work" in flag.message


@pytest.mark.parametrize("sentence", [
    "Users are asked to call 911 or contact local police.",
    "Grooming is regulated under Sections 11, 12 and 13 of the Act.",
    "In other words, 95% of the people held could be released.",
    "That is a 96% pass rate.",
    "President | Total change | Annual change Reagan | 3812 | 477 Bush | 0 | 0",
    "Share the National Human Trafficking Hotline (1-888-373-7888) with friends.",
    "For urgent help, contact local emergency services immediately (999 in the UK, 911 in the US, 112 in the EU).",
    "Tommy Connors Senior, 53, was jailed and his son Patrick, 21, for five years at Luton Crown Court.",
    "Married couple James John (left) , 34, and Josie Connors (right) 31, were jailed for 11 and four years respectively.",
    "The Irish victim, 57, contacts the charity after seeing its founder on TV.",
    "Foreign couple, both 67, are arrested on suspicion of immigration offences.",
    "The deaths of the men and women - aged between 18 and 45 - exposed the gangmasters.",
    "Sites can check that the user is over 18 without learning who they are.",
    "People over 65 are targeted by romance fraud.",
    "Protections do not cease when you tick over to 18.",
    "He was 17.",
])
def test_numbers_that_name_restate_or_tabulate_are_not_claims(scanner, sentence):
    assert fired(scanner, sentence + "\n", "uncited-statistic") == []


def test_we_find_marks_the_documents_own_results(scanner):
    text = ("## Methods\n\nWe coded every law.\n\n## Introduction\n\n"
            "Analysing aid to 140 countries from 1981 to 2012, we find that donors respond to the laws.\n\n"
            "Aid to 140 countries fell after 2012.\n")
    assert fired(scanner, text, "uncited-statistic") == ["Aid to 140 countries fell after 2012."]


@pytest.mark.parametrize("sentence, fires", [
    ("Previously the law only applied to farms with an annual payroll greater than $1,200.", False),
    ("The Government announced a turnover threshold of £36 million for the reporting duty.", False),
    ("The law applied to 20,000 farms.", True),
])
def test_whom_a_law_reaches_is_its_term_not_a_statistic(scanner, sentence, fires):
    assert fired(scanner, sentence + "\n", "uncited-statistic") == ([sentence] if fires else [])


def test_over_before_a_count_is_a_quantity_not_an_age(scanner):
    text = "There are over 18 agencies involved. The user is over 18. Users over 18 million visited.\n"
    assert fired(scanner, text, "uncited-statistic") == ["There are over 18 agencies involved.", "Users over 18 million visited."]


@pytest.mark.parametrize("sentence, fires", [
    ("Trafficking generates billions of dollars each year.", True),
    ("Thousands of children are contacted by strangers every day.", True),
    ("Reports to the hotline have increased dramatically since 2015.", True),
    ("Screen time has skyrocketed during the pandemic.", True),
    ("The survey saw a sharp rise in sextortion reports.", True),
    ("Sextortion is a growing problem for school police.", True),
    ("Sextortion is on the rise.", True),
    ("Most victims know their trafficker.", True),
    ("The vast majority of cases involve a family member.", True),
    ("A large proportion of users never change the default settings.", True),
    ("Most agencies provide little or no feedback.", True),
    ("Many migrants, the majority of them poor, have been deceived by recruiters.", True),
    ("The most common victims are teenagers.", False),
    ("Trafficking generates billions of dollars each year (Okafor, 2021).", False),
    ("The ice sheet formed over millions of years.", False),
    ("The charity runs a 24-hour hotline for survivors in the city.", False),
    ("Walker explained, “In most of my 14 placements in foster homes, nobody asked how I was.”", False),
    ("A survivor said, “I saw 20 girls on the track that night.", False),
    ("Walker explained that in most of the 14 placements in foster homes, nobody asked.", True),
    ("As noted in the Platform's Fourth DSA Transparency Report, it received 14,325 reports. During the same period, "
     "it received 14 reports from trusted flaggers.", False),
    ("The platform received 14,325 reports. During the same period, it received 14 reports from trusted flaggers.", True),
    ("Between the two locations, we were able to provide over 4,200 nights of rest last year.", False),
    ("In the same timeframe, our shelter operated at 93% capacity.", False),
    ("We know that 80% of victims never report the abuse.", True),
    ("The survey's coverage is enough to date the change in 112 countries using our cutoff.", False),
    ("This allowed us to assign end years for another 39 countries.", False),
    ("Other researchers assigned end years for another 39 countries.", True),
    ("Sextortion is one of the fastest-growing online crimes.", True),
    ("The IWF told us it has taken action over 723 reports this year.", False),
    ("The detector is not 100% accurate.", False),
    ("The detector is 100% accurate.", True),
    ("The number of reports rose slightly.", False),
])
def test_magnitudes_and_trends_without_figures_are_statistics(scanner, sentence, fires):
    assert bool(fired(scanner, sentence + "\n", "uncited-statistic")) is fires


def test_a_breakdown_of_a_cited_total_is_covered_by_its_citation(scanner):
    text = ("The ILO estimated that [25 million people are in forced labour](https://example.org/ilo.pdf). Of these, "
            "nearly 5 million are in sexual exploitation. The remaining 4 million are in state-imposed labour.\n\n"
            "Some 25 million people are in forced labour. Of these, nearly 5 million are in sexual exploitation.\n")
    assert fired(scanner, text, "uncited-statistic") == [
        "Some 25 million people are in forced labour.", "Of these, nearly 5 million are in sexual exploitation."]


def test_a_ranking_inside_figures_a_named_work_reports_is_covered(scanner):
    text = ("The ILO's [Global Estimates of Child Labour 2020](https://example.org/ilo.pdf) count 160 million children "
            "in child labour. Regionally, sub-Saharan Africa has the highest number, 86.6 million.\n\n"
            "Sub-Saharan Africa has the highest number of child labourers.\n")
    assert fired(scanner, text, "superlative") == ["Sub-Saharan Africa has the highest number of child labourers."]


def test_a_figure_restated_from_a_cited_sentence_of_the_same_paragraph(scanner):
    text = ("Reports rose to 36.2 million in 2023.[^1] Those 36,200,000 reports came mostly from platforms.\n\n"
            "The 36.2 million reports were a record.\n\n[^1]: A note.\n")
    assert fired(scanner, text, "uncited-statistic") == ["The 36.2 million reports were a record."]


@pytest.mark.parametrize("third, fires", [
    ("This represents a 32% increase in entries from 2017 to 2020.", False),  # 7,406 / 5,603 = 1.32
    ("Entries were 70.1% of the certified positions in 2020.", True),  # 7,406 / 9,192 is 80.6%
    ("This represents a 45% increase in entries from 2017 to 2020.", True),
])
def test_a_percentage_worked_out_from_counts_just_before_it(scanner, third, fires):
    text = ("In 2017 there were 5,603 visa entries for work in the state.[^1] In 2020 there were 7,406 entries "
            f"and 9,192 positions certified.[^2] {third}\n\n[^1]: A note.\n[^2]: Another note.\n")
    assert (third in fired(scanner, text, "uncited-statistic")) is fires


@pytest.mark.parametrize("sentence", [
    "Terrorists are using every possible means to fund their operations.",
    "Criminals cannot steal a user's identity without the private key.",
    "Bitcoin is becoming a preferred mechanism for terrorists.",
    "The industry thrives most successfully through social media.",
    "Facebook leads the world in users.",
    "It is uniformly clear that recidivism is common.",
    "The abuse reached unprecedented levels.",
    "No one is safe from online grooming.",
    "Marketplace X was the largest market of its kind.",
    "Traffickers always use encrypted apps.",
    "Cryptocurrency is the currency of choice for offenders.",
    "This study is the first to measure online recruitment.",
    "In an overwhelming majority of cases, victims did not report the crime.",
    "The tier was the only indication that the country could lose its aid.",
    "Platforms are undoubtedly the main recruitment channel.",
    "It is clear from the interviews that moderation has failed.",
    "Weak regulation has proven to be costly for families.",
    "Corruption among border guards is rampant.",
    "Sharing of intimate images is prevalent among teenagers.",
    "It is common for victims to delay reporting for years.",
    "Blackmail with edited photographs is a common occurrence.",
    "The demand for such services far exceeds the supply of shelters.",
    "Research on offender treatment is lacking.",
    "Most research on grooming concerns chat rooms.",
    "This report is the first regional review of its kind.",
    "The country ranks second in the region for cyberbullying.",
    "The retailer, new to the index this year, ranked dead last.",
    "The minister launched the national data strategy at the summit, the first in Africa.",
    "Measured as a country, the trade is the world's third-largest economy.",
    "They joined forces with the Harbour Syndicate, the country’s largest gang.",  # a curly possessive
    "Fully compliant platforms simply do not exist.",
    "Hate could not spread online, because there are no such sites where you can post an opinion.",
    "Without encryption, none of these everyday payments would be possible.",
    "Strong encryption cannot be broken by the police.",
    "The best-known tool, HashMatch, has been used by three platforms since 2012.",
    "There is *no* conclusive evidence that the filters protect teenagers.",
    "There has been no criminal business in recent memory that rivals the reach of extortion apps.",
    "Among these apps, only Harbour Chat does not encrypt messages.",
    "Prosecutors opened Ruritania's largest fraud investigation in 2013.",  # a named one
    "The method lets an attacker get round all the security checks on card payments.",
    "**The Minister Launched the National Data Strategy at the Regional Summit, the first in Africa.**",
    "The country has the highest internet use in the region, with over [31 million people](https://example.org/a) online.",
    "The port is the second-largest transit point for victims.",
    "The two largest problems the workers faced were wage theft and debt.",
    "Grooming on gaming platforms is widespread.",
    "Online exploitation has reached epidemic proportions.",
    "Such abuse had been rarely, if ever, filmed.",
    "No country is completely free from forced labour.",
    "We constantly develop state of the art software to combat abuse.",
    "The algorithms are only possible because platforms extract vast amounts of data.",
    "Claiming that encryption harms children is unproven.",
    "There is no evidence that the campaign reduced demand.",
    "More children than ever were online during the lockdowns.",
    "There are currently no estimates of the sums paid in cryptocurrency.",
    "Encrypted messengers are now the dominant technology for grooming.",
    "Today the US has the largest detention system of any country.",
    "Facebook leads the world in number of internet users.",
    "The platform is unique among its rivals in publishing prevalence figures.",
    "The company withdrew its least popular feature after the criticism.",
    "The gang said it would kill her, and everyone knows that gangs carry out their threats.",
    "This slavery is more widespread numerically than at any other time in history.",
    "Because the system is pseudonymous by design, criminals cannot steal a user's identity.",
    "Messaging apps where government agencies cannot get any access are popular with traffickers.",
    "Since returning to office, I have taken unprecedented action to shut down these networks.",
    "No comprehensive law exists in the country that penalizes the whole scheme.",
    "Most often, children and women are the targets of online exploitation.",
    "Offences include the most innocuous forms of piety.",
    "Norway became the first country in the region with such a law.",
    "Below are the five most prevalent scams in the country.",
    "It is apparent that a great majority of the groups support the war.",
    "It is easy to buy the coins, but it is impossible to sell them for local currency on the exchange.",
    "The site posts the records, but there are no notification or correction procedures in place.",
    "Only Belgium records the costs of its deportations.",
    "Homeless and runaway youth are the preferred targets of traffickers.",
    "Online grooming is the primary way that offenders approach children.",
    "Bitcoin has become the standard currency for these transactions.",
    "Ransomware attacks declined for the first time ever in 2022.",
    "No country understands the scale of the criminal groups better.",
    "Human trafficking is the 2nd largest illicit industry in the country.",
    "Instagram is the number one platform for grooming.",
    "Thailand is the top destination for trafficking victims in the region.",
    "The new filter has completely eliminated grooming on the app.",
    "Age verification simply does not work.",
    "It went from the world’s foremost platform for news to a hotbed of rumours.",
    "Women are completely erased from public life.",
    "A well-placed insider is by far the simplest way to break into a system.",
    "The criticisms still hold, as there has been no comprehensive law on the use of such cameras.",
    "Cyber attacks are the most efficient way to destabilise a country.",
    "The malware only infected computers running one operating system.",
    "A ledger makes the data immutable.",
])
def test_superlatives_and_absolutes_fire(scanner, sentence):
    assert fired(scanner, sentence + "\n", "superlative") == [sentence]


@pytest.mark.parametrize("sentence", [
    "Marketplace X was one of the largest markets of its kind.",
    "Marketplace X was among the most visited markets.",
    "It's most likely that the messages were deleted.",  # a contraction, not a possessive name
    "Of the 12 employers, only Northgate Staffing was barred.",  # a past event of the text's own count
    "And that right, now more than ever, is worth defending.",  # a rhetorical idiom
    "Almost all victims knew their recruiter.",
    "To stay safe, you must be careful: the first one who has to protect your data is you.",
    "The only appropriate response is international cooperation.",
    "The hotline keeps a list of domains that publish the most severe material.",
    "In one short report it is impossible to give a complete overview of the field.",
    "The only option for these families, if they want to stay safe, is to leave.",
    "The country has [the highest internet use in the region](https://example.org/a), with 31 million people online.",
    "Without the raw counts, the platforms' ratios were impossible to classify.",
    "The register does not code each grant, which makes it impossible to systematically determine who received it.",
    "Victims often find it difficult or impossible to report the crimes committed against them.",
    "Traffickers almost always use encrypted apps.",
    "The most important step is reporting.",
    "We cannot ignore the role of platforms.",
    "Its impact cannot be overstated.",
    "In 2016 the court held that the government could not restrain untainted assets.",
    "Most importantly, reports must be acted on.",
    "Facebook leads the world in users.[^1]\n\n[^1]: A note.",
    "At most a few platforms report it.",
    "At least the platform publishes its removal figures.",
    "I have never felt so afraid.",
    "Nobody told us where we were going.",
    "It's the least we can do.",
    "Its least important feature is the timeline.",
    "The first of these measures is to publish more about generative AI.",
    "Our moderation practices are always evolving to keep up with new trends.",
    "The most recent report appeared in 2023.",
    "The country ranks second in the region for cyberbullying.[^1]\n\n[^1]: A note.",
    "The essay is clearly written.",
    "It is unlikely that donors always scale back their programmes.",
    "Not all projects in these categories are always contentious.",
    "Using data from all countries that received aid, we assess the effect of the laws.",
    "To our knowledge, this is the first survey of its kind.",
    "![Chart: the largest markets by volume](chart.png)",
    "The country was ranked Tier 1, the highest rating a country can receive.",
    "One mother told us:\n\n\"They took our papers. Now we can never leave the farm.\"",
    "The National Crime Agency estimates that the UK was the third most common country of origin.",
    "Let us resolve to pursue dignity and freedom for all people.",
    "Together we can build a safer world for everyone.",
    "Foster care shelters children when their parents cannot take care of them.",
    "It ought to concern every business.",
    "“Victims over 60 comprised the third largest reporting group,” the agency said.",
    "The Declaration of Independence recognizes the inherent dignity and worth of all people.",
    "Be unanimous: everyone in the minority needs to show solidarity.",
    "Justice is to be served to every victim.",
    "That digital footprint led me to several cities, most frequently the capital.",
    "No country was listed twice in the table.",
    "Watch for isolation tactics, such as 'I'm the only one who gets you'.",
    "Throughout, we took a conservative approach and never altered the experts' scores.",
    "The row counts individuals recorded by both lists and by no one else.",
    "The model sums the counts over all possible patterns of overlap.",
    "Please allow one minute for the first plot to appear.",
    "Transparency will never be enough on its own.",
    "Making these settings the highest by default is a positive step.",
    "Strong encryption should be non-negotiable for children's and everyone's safety.",
    "Offences include even the most innocuous forms of piety.",
    "It was the first step in the plan, and the first time the court met.",
    "Here are five of the most common scams, ranked by how often they occur.",
    "Teachers cannot always be counted on to help.",  # a negated absolute hedges
    "But late is better than never.",
    "Under the Virginia law, companies collecting the data cannot use it for anything else.",  # a rule's terms
    "One official said the crewmen had told him they had never worked in such conditions.",  # their account
    "Safety tips: don't share your address; NEVER share photos of yourself.",  # an instruction
    "According to federal law, all children in prostitution are victims of trafficking.",  # a rule's terms
    "Clearly, the policy failed to protect victims.",  # the writer's inference, judged by the rest
    "Of course, a policy alone will not improve performance.",
    "The weakest link in an organisation is its staff.",  # an idiom
])
def test_hedged_evaluative_or_cited_forms_pass(scanner, sentence):
    assert fired(scanner, sentence + "\n", "superlative") == []


def test_the_authors_words_after_a_closed_quotation_are_checked(scanner):
    text = 'The mother said her papers were taken. "We were told we could leave." The papers were never returned.\n'
    assert fired(scanner, text, "superlative") == ["The papers were never returned."]


@pytest.mark.parametrize("text", [
    # a quotation of several sentences: the speaker is named after its last one
    "“Ships have left port. Nobody would like to speak up,” said Captain Ana Reyes of the union.\n",
    # a paragraph opening with a single quotation mark, as British news sets a speaker's words
    "'People ask why they do not leave. They trust no one.'\n",
    "'Support is lacking. This was the biggest gap in the bill,' she said.\n",
])
def test_later_sentences_of_a_credited_quotation_pass(scanner, text):
    assert fired(scanner, text, "superlative") == []


def test_the_writers_words_after_a_single_quoted_paragraph_are_checked(scanner):
    text = "'Victims are everywhere,' she said. The bill was the biggest reform.\n\nIt's the largest change.\n"
    assert fired(scanner, text, "superlative") == ["The bill was the biggest reform.", "It's the largest change."]


def test_most_respondents_in_a_results_section_is_a_finding(scanner):
    text = ("## Results\n\nThe vast majority of respondents had never reported a profile.\n\n"
            "## Discussion\n\nThe vast majority of platforms never report profiles.\n")
    assert fired(scanner, text, "superlative") == ["The vast majority of platforms never report profiles."]


@pytest.mark.parametrize("sentence, fires", [
    ("Research suggests that grooming often begins in games.", True),
    ("Experts say the problem is growing.", True),
    ("It is estimated that thousands of children are affected.", True),
    ("Reports indicate that the market moved elsewhere.", True),
    ("Many believe that the market moved elsewhere.", True),
    ("The network is believed to control dozens of sites.", True),
    ("It has been widely reported that payments moved to cryptocurrency.", True),
    ("The capital is often hailed as the region's leading tech hub.", True),
    ("It is widely speculated that other governments made the same requests.", True),
    ("Taken together, industry leaders say the new laws will push platforms toward reusable credentials.", True),
    ("Blockchain activity suggests that organised networks were behind many of the payments.", True),
    ("It is no secret that the platforms have become deeply unpopular.", True),
    ("A 2018 article in the Harbour Globe by Ana Ruiz found that the program watched travellers who “are not under "
     "investigation by any agency and are not on any list.”", False),  # the quotation's work is named
    ("The campaign spread worldwide, credited as a turning point for survivors.", True),
    ("The campaign spread worldwide, credited as a turning point by the UN.", False),
    ("How he obtained three passports has also been speculated on, with claims that he paid for them.", True),
    ("Moderators report nightmares and a lasting sense of dread.", True),
    ("Moderators report nightmares and a lasting sense of dread (Okafor, 2021).", False),
    ("The capital was hailed as a model by the regional development bank.", False),
    ("There is growing evidence that grooming begins in games.", True),
    ("The network was believed by police to control dozens of sites (Okafor, 2021).", False),
    ("The market is believed to be closed, said the Europol report [@unodc2020global].", False),
    ("Research suggests that grooming often begins in games (Okafor, 2021).", False),
    ("Advocacy groups have proposed a broader definition of grooming.", True),
    ("Previous research has documented that shelters turn victims away.", True),
    ("Contrary to some criticisms, shelters rarely turn victims away.", True),
    ("Some critics contend that the law drove sex work underground.", True),
    ("Some criticisms hold that shelters turn victims away.", True),
    ("The defendant allegedly moved the funds abroad before trial.", False),
    ("The policy, more commonly known as the remain-in-Mexico rule, began in 2019.", False),
    ("The agency's monthly data shows that detention kept rising.", False),
    ("The same data show that the site has a guaranteed minimum.", False),
    ("The data show that detention kept rising.", True),
    ("Grooming is reportedly common in game chat.", True),
    ("Sources familiar with the case said the victims were minors.", True),
    ("Human rights groups have documented abuses in the camps.", True),
    ("Reports have emerged of children being sold online.", True),
    ("There are reports that the site was used for trafficking.", True),
    ("Critics have long accused the agency of ignoring victims.", True),
    ("Studies have consistently found that abusers are known to their victims.", True),
    ("The government has stated that the new law protects adults.", True),
    ("The government has stated that the new law protects adults.[^2]\n\n[^2]: A note.", False),
    ("In fact, statistics only confirm these findings.", True),
    ("Some estimate the number is as high as 60,000 a year.", True),
    ("An estimated 30,000 victims die each year.", True),
    ("An estimated 30,000 victims die each year.[^2]\n\n[^2]: A note.", False),
    ("Human trafficking is estimated to surpass the drug trade within five years.", True),
    ("According to local law enforcement, ads now run on three or four sites.", True),
    ("Another report released last year by the Office on Drugs and Crime said corruption drives the trade.", True),
    ("A study by the Justice Mission found that the cases rose.", True),
    ("Police sources told the newspaper that the recruits were held for months.", True),
    ("Investigators believe the network moved its money through shell companies.", True),
    ("A senior official, speaking on condition of anonymity, said the camps were closed.", True),
    ("The officer, who asked not to be named, said the raids had stopped.", True),
    ("Two unnamed officials confirmed the arrests.", True),
    ("Inspector Okafor told the newspaper that the recruits were held for months.", False),
    ("A 2019 study by the Justice Mission, “Online Sexual Exploitation of Children”, found that the cases rose.", False),
    ("A study by the Justice Mission found that the cases rose (Okafor, 2021).", False),
    ("The gang threatens its victims, and everyone knows that it carries out its threats.", True),
    ("Participants were paid, consistent with the design advice of the survey-incentive literature.", True),
    ("Participants were paid, consistent with the design advice of the survey literature.[^2]\n\n[^2]: A note.", False),
    ("According to local law enforcement (Okafor, 2021), ads now run on three or four sites.", False),
    ("According to a 2018 research report, “Roadmap to Prevention”, 250 victims were recruited online.", False),
    ("The campaign vowed “to end the online trade in children within a single decade”.", True),
    ("Smith told reporters, “we will end the online trade in children within a decade”.", False),
    ("According to Okafor, “there is room for platforms to build far better tools against grooming”.", False),
    ("The Act charges the office with “measuring the progress of every country against its minimum standards”.", False),
    ("Respondents answered “Did the offender have any prior arrests for other offences?” in the survey.", False),
    ("The campaign vowed “to end the online trade in children within a single decade” (Okafor, 2021).", False),
    ("That law mandates the government “to promote the overseas employment of workers through a programme”.", False),
    ("She was asked why she fled. “Because members of the gang threatened to kill me and my son.”", False),
    ("The company was asked why. “Because members of the gang threatened to close down our offices.”", True),
    ("The time span of the data reported is too short to follow the changes.", False),
    ("“Platforms have failed to remove the accounts that recruit children online,” the regulator said. "
     "“Every platform must now publish its removal figures at the end of each quarter.”", False),
    ("The regulator met the platforms. “Every platform must now publish its removal figures at the end of each quarter.”",
     True),
    ("Relatives back home are said to face threats if the workers resign.", True),
    ("There has also been significant criticism of the reporting duty.", True),
    ("The minister announced a crackdown yesterday amid claims there are up to 10,000 victims.", True),
    ("Many retailers and businesses who face scrutiny feel the duty is an undue burden.", True),
    ("Many retailers and businesses sell clothing made abroad.", False),
    ("The real numbers are higher still, say the experts from the agency.", True),
    ("As reported over the past five years, traffickers exploit victims at home and abroad.", True),
    ("Despite expert warnings, the presidency persists with client-side scanning.", True),
    ("Platforms say they are acting, but their critics argue they could intervene more.", True),
    ("Other cases show how the fraud has grown into organised networks.", True),
    ("This has been well documented in many books by historians.", True),
    ("The classification system has been criticised for being outdated.", True),
    ("The classification system has been criticised by the Law Council for being outdated.", False),
    ("As discussed previously, the report has been criticised for being political.", False),
    ("As experience with FOSTA in the US demonstrated, platforms default to blanket removal.", True),
    ("History shows that such bans fail.", True),
    ("The 2019 audit by the regulator demonstrated that such bans fail.", False),
    ("Community threads and press reports reflect the practical pain points.", True),
    ("Coverage in 2025 highlighted these trade-offs.", True),
    ("Thousands of people are held captive across Britain, it has emerged.", True),
    ("It is understood that the gang fled abroad.", True),
    ("It has emerged from the review that the gang fled abroad.", False),
    ("The press freedom index fell last year.", False),
    ("There is increasing evidence and concern as to the numbers enslaved in food processing.", True),
    ("An expert within the field of modern slavery identified the key terms.", True),
    ("The agency's own data shows a fall in removals.", False),
    ("Privacy critics have long pushed for scanning of private photos.", True),
    ("NGOs have assessed at least eight million victims in the country.", True),
    ("According to the data issued by the National Crime Records Bureau, 8,132 cases were reported.", False),
    ("Other industry groups have described the campaigners as shrewd.", True),
    ("The market has grown, but a study has shown that most of its listings are illegal.", True),
    ("According to an investigation, the office relies on the program for most cases.", True),
    ("According to an investigation by the city auditor, the office relies on the program.", False),
    ("A poster urges officers to look closer. “The next worker you encounter may be a victim of trafficking,” reads the "
     "poster.", False),
    ("But many speculate that the group has ties to the state.", True),
    ("The attack has been researched by many security companies.", True),
    ("The attack has been researched by two security companies, Ostra and Vell.", False),
    ("Research consistently links screen time at night with several harms.", True),
    ("Studies linked to the programme were published in 2020.", False),
    ("Nepal is considered a major source country for trafficking.", True),
    ("It is well known that traffickers use the app.", True),
    ("Misinformation researchers decried the fees.", True),
    ("A retired U.S. colonel told the paper that the promise was broken.", True),
    ("A Facebook employee explained the error to the scholar.", False),  # the body is named
    ("Fake bank e-mails are damaging online commerce, say e-business experts.", True),
    ("Last year, a street survey found that most people would reveal their password.", True),
    ("Reports of arbitrary blocking make it harder to see how platforms are policed.", True),
    ("And it’s rumored that the company had to pay up again.", True),  # a curly apostrophe
    ("Global ransomware damage is predicted to cost up to $20 billion next year.", True),
    ("The ads go to users who are predicted to be more likely to engage.", False),
    ("Reports of arbitrary blocking by the BBC make it harder to see how platforms are policed.", False),
    ("Nepal is considered a major source country by the State Department.", False),
    ("Possession is considered a crime in every state.", False),
    ("The UN counts 250,000 workers; another estimate puts the number at 1.5m.", True),
])
def test_vague_attribution(scanner, sentence, fires):
    assert bool(fired(scanner, sentence + "\n", "vague-attribution")) is fires


def test_flags_carry_a_priority_and_text_groups_by_it(scanner):
    from litcheck.scan.report import render

    text = ("Studies show that grooming starts in games.\n\n"
            "Dark-web forums draw 4.6 million visitors each day.\n\n"
            "Traffickers always use encrypted apps.\n\n"
            "Groomers contacted 4,300 children on one platform.\n")
    result = scanner.scan_text(text, fmt="markdown")
    ranks = {f.rule: f.as_dict()["priority"] for f in result.flags}
    # the register (tests/data/scan/notes) holds the daily-visitors claim false: first on the worklist
    assert ranks == {"vague-attribution": 5, "known-claim": 1, "uncited-statistic": 2, "superlative": 4}
    out = render([result], "text")
    order = [out.index(h) for h in ("[1] ", "[2] ", "[4] ", "[5] ")]
    assert order == sorted(order)
    assert out.index("4.6 million visitors") < out.index("4,300 children") < out.index("always use") \
        < out.index("Studies show")


def test_a_court_case_cited_by_name_is_not_a_dangling_author(scanner):
    text = "The pledge was struck down in 2013 (Agency for Development v. Open Society Fund, 2013).\n"
    assert fired(scanner, text, "dangling-citation") == []
    assert fired(scanner, "The pledge was struck down (Okonkwo, 2013).\n", "dangling-citation")


def test_a_paragraph_that_names_the_body_its_next_citation_gives_is_covered(scanner):
    text = ("In May the ODO inspected the site and found it met 18 of the 26 standards. "
            "There were 21 deficiencies in all. The office asked for a plan (ODO, 2021, p. 14).\n\n"
            "There were 45 complaints in June. The office asked for a plan (ODO, 2021, p. 15).\n")
    assert fired(scanner, text, "uncited-statistic") == ["There were 45 complaints in June."]


def test_two_authors_and_a_year_in_brackets_are_a_citation_wherever_the_clause_ends(scanner):
    result = scanner.scan_text("Threats and abuse co-occur (as earlier work shows: Yilmaz & Emberson (2023)).\n",
                               fmt="markdown")
    assert [(c.kind, c.names, c.year) for c in result.citations] == [("author-date", ["Yilmaz", "Emberson"], 2023)]


@pytest.mark.parametrize("sentence, claim", [
    ("NEVER send compromising images of yourself to anyone.", False),
    ("Always report a suspicious profile to the platform.", False),
    ("Do not reply to messages from every unknown account.", False),
    ("Never have so many children been online at once.", True),  # an inversion: a claim
    ("Always used by recruiters, the site is the largest of its kind.", True),
])
def test_an_instruction_to_the_reader_is_not_a_claim(scanner, sentence, claim):
    assert bool(fired(scanner, sentence + "\n", "superlative")) is claim


def test_a_ruling_needs_its_case_and_a_named_case_is_the_source(scanner):
    unnamed = "A federal court ruled that the ban was lawful, awarding $2 million to the platform.\n"
    named = "In Smith v. Jones, a federal court ruled that the ban was lawful, awarding $2 million to the platform.\n"
    assert fired(scanner, unnamed, "vague-attribution") == [unnamed.strip()]
    assert fired(scanner, named, "vague-attribution") == [] and fired(scanner, named, "uncited-statistic") == []


def test_the_writers_own_share_and_the_end_of_its_own_scale_need_no_source(scanner):
    own = "Age checks in one state led to an immediate loss of over 80% of our traffic there.\n"
    world = "Age checks in one state led to an immediate loss of over 80% of adult traffic there.\n"
    assert fired(scanner, own, "uncited-statistic") == []
    assert fired(scanner, world, "uncited-statistic") == [world.strip()]
    scale = "As a result, the company places this risk in the lowest likelihood category.\n"
    ranking = "The platform has the highest level of abuse reports in the region.\n"
    assert fired(scanner, scale, "superlative") == [] and fired(scanner, ranking, "superlative") == [ranking.strip()]


def test_a_reference_written_into_the_prose_sources_its_sentence(scanner):
    text = ("A similar view follows from Smahel, D., Livingstone, S., and Hasebrink, U. (2020). EU Kids Online "
            "2020: Survey results from 19 countries.\n")
    assert fired(scanner, text, "uncited-statistic") == [] and fired(scanner, text, "dangling-citation") == []
    bare = "A similar view follows from a survey. It gave results from 19 countries.\n"
    assert fired(scanner, bare, "uncited-statistic") == ["It gave results from 19 countries."]


def test_a_claim_about_all_firms_is_an_absolute_but_a_duty_of_every_provider_is_not(scanner):
    claim = "All major firms collect location data from their users.\n"
    duty = "Every provider must register with the regulator.\n"
    assert fired(scanner, claim, "superlative") == [claim.strip()] and fired(scanner, duty, "superlative") == []


def test_hours_of_work_as_a_rate_are_a_figure_but_a_narrative_duration_is_not(scanner):
    rate = "Recruited fishers end up working 20 hours or longer on the boats.\n"
    narrative = "The hearing lasted 3 hours, and the helpline is open 24 hours a day.\n"
    assert fired(scanner, rate, "uncited-statistic") == [rate.strip()]
    assert fired(scanner, narrative, "uncited-statistic") == []


def test_figures_read_off_the_documents_own_chart_need_no_citation(scanner):
    pointed = "Private contractors hold 92% of the guaranteed beds (Figure 6).\n"
    bare = "Private contractors hold 92% of the guaranteed beds.\n"
    assert fired(scanner, pointed, "uncited-statistic") == [] and fired(scanner, bare, "uncited-statistic") == [bare.strip()]


@pytest.mark.parametrize("text, fires", [
    ("Victims came from Romania, 53, and Poland, 40.\n", True),  # counts by country, not ages
    ("For the seventh month running, the border patrol has released zero migrants.\n", True),
    ("The agency has zero tolerance for abuse.\n", False),
    # news style: one sentence a paragraph, the person credited in the paragraph before goes on
    ("Andrew Wallis, chief executive of a charity, says three women were found.\n\n"
     "He estimated there could be as many as 5,000 people held in homes.\n", False),
    ("Three women were found in a house.\n\nHe estimated there could be as many as 5,000 people held in homes.\n",
     True),
    ("Data from the National Crime Agency's Human Trafficking Centre had previously put the number at 2,744.\n", False),
])
def test_news_ages_counts_and_credits(scanner, text, fires):
    assert bool(fired(scanner, text, "uncited-statistic")) is fires


@pytest.mark.parametrize("text, fires", [
    ("Since 2017 perhaps 1m Uighurs have been held in camps.\n", True),
    ("The corps is a nearly 3m-strong business.\n", True),
    ("Over the quarter, users appealed the removal of 10k videos.\n", True),
    ("Every 39 seconds, a new attack is launched somewhere on the web.\n", True),
    ("The movement used to run more than 2000 schools and universities in the country.\n", True),  # a count, not a year
    ("From there, our approach is twofold.\n", False),  # two parts, not a multiplier
    ("These three letters raise millions of questions about the software.\n", False),  # a manner of speaking
    ("Tomas Reyes, 25, was charged with 10 counts of murder and 16 counts of attempted murder.\n", False),  # charges
    ("Analysts listen to around one percent of the calls.\n", True),  # a share in words
    ("A new report by Harbourline tracks the payments. Recruitment fees range from $1,000 to $10,000, the report said.\n",
     False),  # the report the text named goes on
    ("Recruitment fees range from $1,000 to $10,000, one broker said.\n", True),
    ("The matching is not one hundred percent accurate.\n", False),  # a disclaimer
    ("Moderators removed 20,000 counts of abuse material.\n", True),
    ("Reports to the hotline rose twofold in 2020.\n", True),
    ("Use of the forum has grown since about 2000 as phones spread.\n", False),  # a year
    ("Audience tracking company Harbourline reported that sessions fell 16% on Thursday.\n", False),
    ("He showed me the tool on his laptop, a face-swapping program that cost him $3,500.\n", False),
    ("The face-swapping program costs $3,500 on the forum.\n", True),
    ("Analysts at the time reported that sessions fell 16% on Thursday.\n", True),
    ("For less than 50k USD a year, anyone can buy a person's full travel records.\n", True),
    ("The firm would not risk losing access to a 1.3-billion people market.\n", True),
    ("The camp is behind a 5m wall.\n", False),
    ("Violations can be punished with fines of up to 6 percent of worldwide turnover.\n", False),
    ("According to a conservative estimate by the non-profit organization Free the Slaves, 27 million people "
     "live in slavery.\n", False),
    ("A report published on March 1st by the Strategic Policy Institute reveals that workers were moved. "
     "In 2017-19, the study found, more than 80,000 workers were shipped out.\n", False),
    ("Workers were moved. In 2017-19, the study found, more than 80,000 workers were shipped out.\n", True),
    ("In a study conducted by Ipsos, 23% of parents have children who were bullied online.\n", False),
    ("Based on Department of Social Welfare and Development figures, there were at least 2,024 victims.\n", False),
    ("In data collected by the County Prosecuting Attorney's Office between 2011 and 2016, 84% of victims were female.\n",
     False),
    ("Some 500,000 children were exploited, according to the estimate of the lawyer Andrew Vachss.\n", False),
    ("When police raided the site they found 13 workers housed in caravans.\n", False),
    ("In many studies, 40% of victims were female.\n", True),
    ("Based on these figures, 40% of victims were female.\n", True),
])
def test_news_magazine_figures_and_their_credits(scanner, text, fires):
    assert bool(fired(scanner, text, "uncited-statistic")) is fires


@pytest.mark.parametrize("text, rule, fires", [
    # a marker closing one clause does not reach the writer's own clause after "but"
    ("Hosting the site raised questions of its own,[^1] but 92% of its visitors were abroad.\n\n[^1]: A. Okafor, "
     "Hosting (2016).\n", "uncited-statistic", True),
    ("Hosting the site raised questions of its own,[^1] but the vast majority of its visitors were abroad.\n\n"
     "[^1]: A. Okafor, Hosting (2016).\n", "superlative", True),
    ("Hosting the site raised questions of its own, but 92% of its visitors were abroad.[^1]\n\n[^1]: A. Okafor, "
     "Hosting (2016).\n", "uncited-statistic", False),
    ("92% of its visitors were abroad,[^1] but the site stayed up.\n\n[^1]: A. Okafor, Hosting (2016).\n",
     "uncited-statistic", False),
    # a link sits on the words it sources, which may run on past "but"
    ("Many operatives [are indicted](https://example.org/a), but never see a court.\n", "superlative", False),
])
def test_a_citation_closing_a_clause_does_not_reach_the_next(scanner, text, rule, fires):
    assert bool(fired(scanner, text, rule)) is fires


def test_an_organisations_report_counting_its_own_work_in_the_third_person(scanner):
    opening = "# Annual report of the Harbour Child Protection Centre (HCPC)\n\n"
    body = "".join(f"HCPC works with partner {i}.\n\n" for i in range(10))
    text = (opening + body + "In 2023, HCPC received 2,772 reports from the public. HCPC's more than 400 employees "
            "answer them. Police forces received 9,000 reports.\n")
    assert fired(scanner, text, "uncited-statistic") == ["Police forces received 9,000 reports."]


def test_a_paragraph_opened_by_a_linked_or_named_work_sources_the_figures_after_it(scanner):
    opened = ("The agency's [Global Estimates 2020 report](https://example.org/estimates.pdf) counted 160 million "
              "children at work. Since the 2016 estimates, the number has risen by more than 8 million. Of the 160 "
              "million, the most recent estimates indicate that 70 percent work in farming.\n\n")
    alone = "Since the 2016 estimates, the number has risen by more than 8 million.\n\n"
    assert fired(scanner, opened + alone, "uncited-statistic") == [alone.strip()]
    assert fired(scanner, opened, "vague-attribution") == []
    assert fired(scanner, "Of the children, recent estimates indicate that 70 percent work in farming.\n",
                 "vague-attribution") != []


def test_a_law_or_a_meetings_place_and_year_in_brackets_is_not_a_citation(scanner):
    text = ("Title 22, section 7101 (Trafficking Victims Protection Act of 2000, section 102) sets out findings.\n\n"
            "Governments met at the World Congress against Sexual Exploitation of Children (Stockholm, 1996).\n")
    assert fired(scanner, text, "dangling-citation") == []
    assert fired(scanner, "The law was welcomed (Stockholm, 1996).\n", "dangling-citation") != []


def test_a_publisher_and_date_in_brackets_is_not_a_citation(scanner):
    text = ("Okafor, Harbour Work: A Study (Northgate University Press, 2019), is the standard account.\n\n"
            "Lindqvist, Working Paper 3 (Verlag Nordhafen-Institut, July 2021), covers the ports.\n")
    assert fired(scanner, text, "dangling-citation") == []
    assert fired(scanner, "Ports matter (Northgate, 2019).\n", "dangling-citation") != []
    # the line names the book: the figure in its title is no uncited statistic
    assert fired(scanner, "Okafor, A Study of 15 Ports (Northgate University Press, 2019), chapter 1.\n",
                 "uncited-statistic") == []
    assert fired(scanner, "Okafor found 1,500 workers in 15 ports.\n", "uncited-statistic") != []


def test_an_items_year_in_a_laws_name_does_not_date_it_and_at_al_is_et_al(scanner):
    text = ("The act targets supply chains (McClean, 2015). Supermarkets sold the prawns (Hodel at al. 2014).\n\n"
            "## References\n\nHodal, K., Kelly, C., & Lawrence, F. (2014). Slave labour producing prawns. The Guardian.\n\n"
            "McClean, N. The Modern Slavery Act 2015. Scottish Financial News. Retrieved from "
            "http://example.com/2015/blog\n")
    flagged = fired(scanner, text, "citation-mismatch")
    assert "Supermarkets sold the prawns (Hodel at al. 2014)." in flagged
    assert any(s.startswith("McClean, N.") for s in flagged)


def test_a_number_to_ring_is_no_figure(scanner):
    assert fired(scanner, "If you are in danger, contact the police on 999 or 112.\n", "uncited-statistic") == []
    assert fired(scanner, "The police made contact with 45 victims.\n", "uncited-statistic") != []


def test_a_works_title_written_as_a_link_with_no_address_is_dangling(scanner):
    lost = "According to the [Youth Internet Safety Survey] one in seven children was approached.\n"
    assert fired(scanner, lost, "dangling-citation") == [lost.strip()]
    defined = lost + "\n[Youth Internet Safety Survey]: https://example.org/yiss\n"
    linked = "According to the [Youth Internet Safety Survey](https://example.org/yiss) one in seven was approached.\n"
    assert fired(scanner, defined, "dangling-citation") == fired(scanner, linked, "dangling-citation") == []


# Documents in which one sentence alone lacks a source: the others are the document's own results
# or data, list items under a lead-in that names their source, or years that go on from a named
# body's dataset.
@pytest.mark.parametrize("rule, text, flagged", [
    ("uncited-statistic",
     "We looked at how platforms report abuse.\n\n"
     "All but three of the 16 platforms surveyed for this article publish a transparency report.\n\n"
     "Out of 16 surveyed platforms, 11 disclose removals and 8 disclose appeals.\n\n"
     "Across the industry, 45% of platforms publish no report at all.\n",
     ["Across the industry, 45% of platforms publish no report at all."]),
    ("vague-attribution",
     "## Methods\n\nWe surveyed 530 farmworkers on 100 farms in 2020.\n\n## Results\n\n"
     "The data show that the vast majority of respondents are paid the minimum wage.\n\n"
     "## Background\n\nThe data show that wage theft is common on farms.\n",
     ["The data show that wage theft is common on farms."]),
    ("uncited-statistic",
     "Key findings:\n\n- [According to the national statistics office](https://example.org/bulletin)\n\n"
     "1. Almost 9 in 10 children (89%) went online every day.\n2. About 17% spoke with a stranger.\n\n"
     "According to the [Youth Internet Safety Survey]\n\n1. One in three children saw unwanted images.\n\n"
     "Facts\n\n1. One in five children met a stranger.\n",
     ["One in five children met a stranger."]),
    ("uncited-statistic",
     "According to the data issued by the National Crime Records Bureau, 8,132 cases were reported in 2016. "
     "In 2017, the country reported 2,854 cases.\n\nIn 2018, the country reported 2,465 cases.\n",
     ["In 2018, the country reported 2,465 cases."]),
], ids=["what-the-document-examined-itself", "its-own-data-speaking", "items-under-a-sourced-lead",
        "years-after-a-bodys-dataset"])
def test_only_the_unsourced_sentence_of_a_document_is_flagged(scanner, rule, text, flagged):
    assert fired(scanner, text, rule) == flagged


@pytest.mark.parametrize("text, fires", [
    ('The agency ended its statement so:\n\n"Those figures almost certainly understate the problem by a wide margin."\n', False),
    ('The report drew a sharp reply. "Those figures almost certainly understate the problem by a wide margin."\n', True),
    # a record's labelled field holds the quotation: its source is the record's
    ('- __Passage__: "Those figures almost certainly understate the problem by a wide margin."\n', False),
    ('The Committee also recommends that the regulator "examine the need for rules on encrypted services in the country".\n',
     False),
    # a work's title in quotation marks, as a byline gives it
    ('Sam Lee (Rights Watch), "Why the online safety inquiry falls short and why it matters", blog post, 22 March 2022.\n',
     False),
    ('Data team, technical publication: "Tracking historical progress against slavery and forced labor" (February 2026).\n',
     False),
    ('News Weekly, 27 May 2025: "Europe tries to force age verification onto adult sites and apps" by Jane Roe\n', False),
    ('The minister was unmoved. "Europe tries to force age verification onto adult sites and apps" by any means.\n', True),
    # a quotation set apart just after its speaker is named, or with its source on the next line
    ('Chief executive Ana Ruiz said the inspectors came too late.\n\n'
     '"They never cared about the crews working on those distant vessels."\n', False),
    ('His reply was blunt when asked why. "Because the families always pay when the threat to publish is made."\n', False),
    ('- "Criminals hide behind layers of phones, wallets and domains that change every week"\n- Source: Crime Annual\n',
     False),
    ('Inspections fell in 2020.\n\n"They never cared about the crews working on those distant vessels."\n', True),
    # the speaker is the subject, the quotation after a participle of speech
    ('The regional director Ana Ruiz defended the ban, telling a radio station that it would set "a precedent that '
     'no other market could ever hope to follow in the years ahead."\n', False),
    # a quotation run over paragraphs, each opening with a mark: the speaker is named in the first
    ('"This sort of attack joins two small weaknesses into one large risk for the whole system," explains Ana Ruiz.\n\n'
     '"Firstly, nothing notices many invalid requests that are spread across several different websites.\n\n'
     '"Secondly, each website asks for a different part of the card data before it accepts a payment.\n', False),
    ('The inspectors left.\n\n"Firstly, nothing notices many invalid requests that are spread across several '
     'different websites."\n', True),
    # a speaker named after it with any verb, or the subject whose verb the quotation opens with, or a recital
    ('"Organizations have gotten much better about their own security hygiene," Ana Ruiz assesses.\n', False),
    ('In Argentina, the Country Representative “identified official complicity at provincial and local levels as '
     'impediments”.\n', False),
    ('**Recital 95** flags the “emerging risks brought by the distribution of misleading loan advertisements online”.\n',
     False),
    ('The Treasury believes the payments can be used to “undermine foreign policy and national security interests '
     'of the country”.\n', False),
])
def test_a_quotation_with_no_speaker_is_vague_unless_introduced(scanner, text, fires):
    messages = [f.message for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "vague-attribution"]
    assert bool(messages) is fires and all("no speaker" in m for m in messages)


@pytest.mark.parametrize("text, flagged", [
    # the figure is in words someone is said to have spoken: the sentence names its source
    ('"The network caught the attack after fewer than 10 attempts, even when they were spread out," says Ana Ruiz.\n', False),
    ('"We have around 40,000 people working on safety across the company," the spokesperson said.\n', False),
    ('"The next step is the date.\n\n"Cards are valid for 60 months, so guessing it takes at most 60 tries," '
     'she added.\n', False),
    # a website "according to" which, or a verb inside the quotation, is no speaker
    ('"If these plans go ahead an estimated 14 million reports could be lost each year," according to the '
     'campaign website.\n', True),
    ('- "26,000+ sextortion cases reported in 2022"\n', True),
    # and words of the writer's own next to a quotation are the writer's
    ('Offenders contacted 202,605 children, "a figure nobody had expected to see this year," says Ana Ruiz.\n', True),
])
def test_a_figure_a_named_speaker_is_quoted_saying_is_sourced(scanner, text, flagged):
    assert bool(fired(scanner, text, "uncited-statistic")) is flagged


def test_a_count_of_what_the_study_itself_analysed_is_its_own_result(scanner):
    text = ("# Loan adverts\n\nThis study analyses the delivery of loan adverts to different users.\n\n"
            "Out of 269 loan advertisements analyzed, a substantial number carried financial risk.\n\n"
            "Of the 412 cases analysed by the agency, 40% involved online recruitment.\n")
    assert fired(scanner, text, "uncited-statistic") == [
        "Of the 412 cases analysed by the agency, 40% involved online recruitment."]


@pytest.mark.parametrize("text, flagged", [
    ("The risk is greatest at this time of year, when many people shop online.", True),
    ("Prevalence is highest among girls aged 14 to 17.", True),
    ("The risk is greatest, some say.", False),  # no time, place or group ranked
])
def test_a_superlative_as_predicate_ranks_a_time_place_or_group(scanner, text, flagged):
    assert bool(fired(scanner, text + "\n", "superlative")) is flagged


@pytest.mark.parametrize("text, flagged", [
    # the publication's own unnamed sources
    ("Some pages were restored, but Guardian Australia understands it could be a week before they are reviewed.", True),
    ("The Times has learned that the minister will resign before the vote.", True),
    ("Facebook understands the concerns of publishers about the ban.", False),
    # people of a kind, placed but not named
    ("Supply-chain auditors for Western makers of electronics say there are red flags in the region.", True),
    ("The method combines multiple sources of information to estimate the size of hidden populations.", False),
])
def test_sources_a_news_report_leaves_unnamed_are_vague(scanner, text, flagged):
    assert bool(fired(scanner, text + "\n", "vague-attribution")) is flagged


@pytest.mark.parametrize("text, rule, flagged", [
    ("In response, the UK introduced the first national legal framework for combatting modern slavery.", "superlative", True),
    ("This archive is the only openly available source of the statements.", "superlative", True),
    ("Tier 1 is the highest rating available.", "superlative", False),
    # a scenario the reader is asked to picture asserts nothing
    ("Imagine a scenario where cutting-edge technology lets every platform block every message.", "superlative", False),
    ("According to a coalition of human-rights groups, the entire apparel industry is tainted by forced labour.",
     "vague-attribution", True),
    # the terms of a provision are its own source; a section of a report is no provision
    ("The supply chains provision (TISC) requires firms with an annual turnover of £36m or more to report.",
     "uncited-statistic", False),
    ("Traffickers placed 4,500 advertisements online last year, and the section of the report requires care.",
     "uncited-statistic", True),
])
def test_novelty_scenarios_coalitions_and_provisions(scanner, text, rule, flagged):
    assert bool(fired(scanner, text + "\n", rule)) is flagged


def test_a_data_science_reports_own_sections_report_its_own_results(scanner):
    text = ("# Fraud detection\n\n## Background\n\nCard fraud cost banks 28 billion dollars last year.\n\n"
            "## Data Preprocessing\n\nThe dataset holds 284,807 transactions, of which 492 are fraudulent.\n\n"
            "## Training and Testing\n\nThe random forest reached an accuracy of 99.9% on the test split.\n\n"
            "## Policy context\n\nSweden counted 1,200 arrests in 2019.\n")
    assert fired(scanner, text, "uncited-statistic") == ["Card fraud cost banks 28 billion dollars last year.",
                                                         "Sweden counted 1,200 arrests in 2019."]


@pytest.mark.parametrize("text, flagged", [
    ("The fine-tuned model has been widely adopted in high-risk text classification.", True),
    ("Increasingly, these abuses are being recognized for what they are: crimes against humanity.", True),
    ("Type one infects a company whose services are widely used within its industry.", False),
    # one person of a kind, not named, as the only source
    ("A cook in one such town said in testimony that she regularly saw bodies in the river.", True),
    ("Ana Ruiz, a cook in one such town, said in testimony that she regularly saw bodies in the river.", False),
])
def test_use_and_recognition_nobody_is_said_to_count_are_vague(scanner, text, flagged):
    assert bool(fired(scanner, text + "\n", "vague-attribution")) is flagged


_ARGUING_NOTE = ("[^1]: Space does not allow a full history of the dispute, but some context helps the reader. The two "
                 "groups worked together for a decade before they fell out over control of the ministries. The "
                 "movement used to run more than 2000 schools in the country, all of them since closed by the "
                 "government. It was the largest network of private schools in the region.\n")


def test_a_note_that_argues_and_cites_nothing_is_read_for_claims(scanner):
    result = scanner.scan_text("The schools were closed after the dispute.[^1]\n\n" + _ARGUING_NOTE, fmt="markdown")
    flags = sorted((f.rule, f.where, f.sentence[:30]) for f in result.flags if f.rule in ("uncited-statistic", "superlative"))
    assert flags == [("superlative", "footnote", "It was the largest network of "),
                     ("uncited-statistic", "footnote", "The movement used to run more ")]


@pytest.mark.parametrize("note", [
    _ARGUING_NOTE.replace("government.", "government. See Okafor, *Schools Closed* (2019)."),  # it cites a work
    _ARGUING_NOTE.replace("The movement used", "When I wrote this, the movement used"),  # the writer's aside
])
def test_a_note_that_cites_a_work_is_a_citation(scanner, note):
    result = scanner.scan_text("The schools were closed after the dispute.[^1]\n\n" + note, fmt="markdown")
    assert not [f for f in result.flags if f.rule == "uncited-statistic"]


_INDEX_FINDINGS = ("Only eight of the 24 companies evaluated scored 50 percent or higher. The highest score was just 62 "
                   "percent. Most companies still fail to disclose how they handle personal data. Harbour Telecom ranked "
                   "fourth, the highest of the telecommunications firms.\n")


def test_an_index_reports_its_own_scores_and_ranks(scanner):
    own = scanner.scan_text("# The 2021 Harbour Index\n\nThe 2021 Harbour Index evaluated 24 of the world's largest digital "
                            "platforms and telecommunications companies on 35 indicators.\n\n" + _INDEX_FINDINGS, fmt="markdown")
    assert not [f for f in own.flags if f.rule in ("uncited-statistic", "superlative") and f.line > 3]
    other = scanner.scan_text("# Telecoms and privacy\n\n" + _INDEX_FINDINGS, fmt="markdown")  # nobody's own index
    assert {f.rule for f in other.flags} >= {"uncited-statistic", "superlative"}


@pytest.mark.parametrize("source, flagged", [
    ("> — [Your car, tracked](https://example.org/your-car), WIRED, 27 September 2012\n", []),
    ("", ["The scanners read 60 plates per second and 71% of departments use them."]),  # no source line
])
def test_a_block_quote_closed_by_its_source_is_that_sources_words(scanner, source, flagged):
    text = ("## Plate readers\n\n> The scanners read 60 plates per second and 71% of departments use them.\n"
            + source + "\nThis is the earliest article I kept.\n")
    assert fired(scanner, text, "uncited-statistic") == flagged


@pytest.mark.parametrize("earlier, sourced", [
    ("A 2013 Fordham University study found that shelter mattered most.", True),
    ("A study by the Hofstra team found that shelter mattered most.", True),
    ("Shelter mattered most, advocates say.", False),
])
def test_that_same_study_goes_on_for_a_study_named_before(scanner, earlier, sourced):
    text = earlier + "\n\nIn that same study it was found that close to 25% of youth had traded sex for shelter.\n"
    assert (fired(scanner, text, "uncited-statistic") == []) is sourced


def test_a_country_in_brackets_is_no_citation(scanner):
    text = ("Governments cited ‘securing morality in media services’ (Estonia) and threats to security (Latvia).\n")
    result = scanner.scan_text(text, fmt="markdown")
    assert not [c for c in result.citations if c.kind == "author-date"]


def test_a_ranking_the_report_gives_goes_on_for_a_report_named_before(scanner):
    text = ("A 2018 report by Polaris surveyed survivors about the platforms traffickers used.\n\n"
            "The report explained that Facebook is the number one site used by traffickers.\n")
    assert fired(scanner, text, "superlative") == []
    assert fired(scanner, "The report explained that Facebook is the number one site used by traffickers.\n",
                 "superlative") != []  # no report named before it
