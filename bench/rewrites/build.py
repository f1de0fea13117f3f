"""Build bench/rewrites/{dev,test}.jsonl: wire-style source articles written for this
benchmark, each with faithful rewrites and rewrites carrying one injected error.

Each record: id, source_text, text, label (consistent|inconsistent), error_type, and for
faithful rewrites `alignment` (for each rewrite sentence, the source sentence indices it
draws on). Sources 1-8 are the dev split (tuned on); 9-16 the test split (run once,
then a round of generic fixes was made: docs/faithfulness.md gives the figure before it);
17-20 the holdout split, written after that round and never used for tuning.
Run: .venv/bin/python bench/rewrites/build.py
"""
from __future__ import annotations

import json
from pathlib import Path

# Each article: source sentences; faithful rewrites as [(sentence, [source indices])];
# edits applied to the first faithful rewrite: (old, new, error_type); added claims.
ARTICLES = [
    dict(
        source=[
            "FRANKFURT, June 6 (Reuters) - The European Central Bank cut its deposit rate by a quarter of a percentage point to 3.75% on Thursday, its first reduction since 2019.",
            "ECB President Christine Lagarde said the decision was taken by a large majority of the Governing Council.",
            "\"We are not pre-committing to a particular rate path,\" Lagarde told a news conference.",
            "Austrian central bank governor Robert Holzmann voted against the cut, two sources said.",
            "The bank raised its inflation forecast for next year to 2.2% from 2.0%.",
        ],
        faithful=[
            [("The European Central Bank lowered its deposit rate to 3.75% on Thursday, the first cut since 2019.", [0]),
             ("President Christine Lagarde said a large majority of the Governing Council backed the move.", [1]),
             ("\"We are not pre-committing to a particular rate path,\" Lagarde told reporters.", [2]),
             ("The ECB now expects inflation of 2.2% next year, up from its earlier forecast of 2.0%.", [4])],
            [("The ECB trimmed its deposit rate to 3.75% on Thursday.", [0]),
             ("Austria's Robert Holzmann opposed the decision, according to two sources.", [3])],
        ],
        edits=[("to 3.75% on Thursday", "to 3.5% on Thursday", "number"),
               ("on Thursday", "on Tuesday", "date"),
               ("lowered its deposit rate", "raised its deposit rate", "antonym"),
               ("Lagarde told reporters", "Holzmann told reporters", "speaker"),
               ("President Christine Lagarde", "Vice-President Luis de Guindos", "entity"),
               ("the first cut since 2019", "the first cut since 2016", "date")],
        added=["Lagarde also announced that she would step down at the end of the year."],
    ),
    dict(
        source=[
            "TOKYO, Feb 14 (AP) - Toyota Motor Corp said on Wednesday it would recall about 280,000 vehicles in Japan because of a faulty fuel pump.",
            "The recall covers Corolla and Prius models built between 2019 and 2021.",
            "The company said it was not aware of any accidents linked to the defect.",
            "Toyota shares fell 1.4% in Tokyo trading after the announcement.",
            "Chief executive Koji Sato apologised to customers at a briefing in Nagoya.",
        ],
        faithful=[
            [("Toyota is recalling roughly 280,000 cars in Japan over a defective fuel pump, it said on Wednesday.", [0]),
             ("Corolla and Prius vehicles made from 2019 to 2021 are affected.", [1]),
             ("Toyota said it knew of no accidents caused by the fault.", [2]),
             ("Its shares dropped 1.4% in Tokyo.", [3])],
            [("Toyota chief executive Koji Sato apologised to customers on Wednesday as the carmaker announced a recall of about 280,000 vehicles.", [0, 4]),
             ("No accidents have been linked to the faulty fuel pump, the company said.", [2])],
        ],
        edits=[("roughly 280,000 cars", "roughly 820,000 cars", "number"),
               ("Corolla and Prius", "Camry and Prius", "entity"),
               ("it knew of no accidents", "it knew of several accidents", "negation"),
               ("shares dropped 1.4%", "shares rose 1.4%", "antonym"),
               ("from 2019 to 2021", "from 2015 to 2021", "date"),
               ("in Japan over", "in the United States over", "entity")],
        added=["The fuel pumps were supplied by Denso, the company's largest parts maker."],
    ),
    dict(
        source=[
            "NAIROBI, Sept 9 (Reuters) - Kenya's parliament approved a finance bill on Tuesday that raises taxes on mobile money transfers to 15% from 12%.",
            "The bill passed by 195 votes to 106 after a heated debate that lasted into the night.",
            "Opposition leader Raila Odinga said the party would challenge the law in court.",
            "Treasury Secretary Njuguna Ndung'u said the measures would raise 289 billion shillings.",
            "President William Ruto is expected to sign the bill into law next week.",
        ],
        faithful=[
            [("Kenyan lawmakers on Tuesday passed a finance bill lifting the tax on mobile money transfers from 12% to 15%.", [0]),
             ("The vote was 195 to 106.", [1]),
             ("Raila Odinga, the opposition leader, said his party would go to court over the law.", [2]),
             ("The Treasury expects the measures to bring in 289 billion shillings, Njuguna Ndung'u said.", [3])],
            [("Kenya's parliament backed a finance bill on Tuesday by 195 votes to 106.", [0, 1]),
             ("President William Ruto is due to sign it next week.", [4])],
        ],
        edits=[("The vote was 195 to 106.", "The vote was 159 to 106.", "number"),
               ("passed a finance bill", "rejected a finance bill", "antonym"),
               ("Raila Odinga, the opposition leader,", "William Ruto, the opposition leader,", "entity"),
               ("on Tuesday passed", "on Monday passed", "date"),
               ("289 billion shillings", "289 million shillings", "number"),
               ("his party would go to court", "his party would not go to court", "negation")],
        added=["Protesters were expected to gather outside parliament in Nairobi on Thursday."],
    ),
    dict(
        source=[
            "WASHINGTON, April 2 (AP) - The U.S. Senate voted 68-31 on Monday to approve a $95 billion aid package for Ukraine, Israel and Taiwan.",
            "Senate Majority Leader Chuck Schumer called the vote a message to Vladimir Putin.",
            "The package includes $61 billion for Ukraine and $14 billion for Israel.",
            "House Speaker Mike Johnson has not said whether he will bring the bill to a vote.",
            "Republican Senator Rand Paul argued that the money should be spent at home.",
        ],
        faithful=[
            [("The U.S. Senate on Monday approved a $95 billion aid package for Ukraine, Israel and Taiwan by 68 votes to 31.", [0]),
             ("Of the total, $61 billion would go to Ukraine and $14 billion to Israel.", [2]),
             ("Majority Leader Chuck Schumer said the vote sent a message to Vladimir Putin.", [1]),
             ("It is unclear whether House Speaker Mike Johnson will put the bill to a vote.", [3])],
            [("The United States Senate passed a $95 billion foreign aid bill on Monday.", [0]),
             ("Senator Rand Paul, a Republican, said the money should be spent in America.", [4])],
        ],
        edits=[("$61 billion would go to Ukraine", "$16 billion would go to Ukraine", "number"),
               ("Majority Leader Chuck Schumer said", "Minority Leader Mitch McConnell said", "entity"),
               ("on Monday approved", "on Friday approved", "date"),
               ("approved a $95 billion aid package", "rejected a $95 billion aid package", "antonym"),
               ("Majority Leader Chuck Schumer", "Minority Leader Chuck Schumer", "office"),
               ("to Vladimir Putin", "to Xi Jinping", "entity")],
        added=["The bill also sets aside $2 billion for border security in Texas."],
    ),
    dict(
        source=[
            "PARIS, Jan 9 (AFP) - French President Emmanuel Macron on Tuesday named Gabriel Attal as prime minister, making the 34-year-old the youngest head of government in modern French history.",
            "Attal replaces Elisabeth Borne, who resigned on Monday after 20 months in the job.",
            "He previously served as education minister, where he banned the abaya in schools.",
            "Far-right leader Jordan Bardella said the appointment would change nothing for the French.",
            "The new government is expected to be announced later this week.",
        ],
        faithful=[
            [("Emmanuel Macron appointed Gabriel Attal as France's prime minister on Tuesday.", [0]),
             ("At 34, Attal is the youngest person to lead a French government in modern times.", [0]),
             ("He takes over from Elisabeth Borne, who stepped down on Monday after 20 months.", [1]),
             ("Jordan Bardella of the far right said the choice would change nothing for French people.", [3])],
            [("Gabriel Attal, 34, became French prime minister on Tuesday.", [0]),
             ("As education minister he had banned the abaya in schools.", [2])],
        ],
        edits=[("At 34, Attal", "At 37, Attal", "number"),
               ("after 20 months", "after 14 months", "number"),
               ("from Elisabeth Borne", "from Edouard Philippe", "entity"),
               ("said the choice would change nothing", "said the choice would change everything", "antonym"),
               ("on Tuesday.", "on Thursday.", "date"),
               ("Jordan Bardella of the far right said", "Marine Le Pen of the far right said", "speaker")],
        added=["Attal said his first priority would be cutting taxes for the middle class."],
    ),
    dict(
        source=[
            "SANTIAGO, March 20 (Reuters) - Chilean copper miner Codelco said on Wednesday its output fell 11% last year to 1.32 million tonnes, the lowest in a quarter of a century.",
            "The state-owned company blamed delays at its new projects and a deadly accident at El Teniente.",
            "Chairman Maximo Pacheco said production would recover from 2025.",
            "Codelco's pre-tax profit dropped to $1.6 billion from $7.4 billion a year earlier.",
        ],
        faithful=[
            [("Codelco, the Chilean state copper company, said on Wednesday that its production dropped 11% last year to 1.32 million tonnes.", [0]),
             ("That was the lowest output in 25 years.", [0]),
             ("Codelco blamed project delays and a fatal accident at its El Teniente mine.", [1]),
             ("Its pre-tax profit shrank to $1.6 billion from $7.4 billion.", [3])],
            [("Chile's Codelco produced 1.32 million tonnes of copper last year, 11% less than the year before.", [0]),
             ("Chairman Maximo Pacheco expects output to recover from 2025.", [2])],
        ],
        edits=[("dropped 11% last year", "dropped 21% last year", "number"),
               ("to 1.32 million tonnes", "to 1.32 billion tonnes", "number"),
               ("production dropped 11%", "production rose 11%", "antonym"),
               ("at its El Teniente mine", "at its Chuquicamata mine", "entity"),
               ("lowest output in 25 years", "lowest output in 50 years", "number"),
               ("from $7.4 billion", "from $4.7 billion", "number")],
        added=["The company plans to lay off 2,000 workers by the end of the year."],
    ),
    dict(
        source=[
            "GENEVA, Nov 15 (AP) - The World Health Organization said on Friday that measles cases worldwide rose by 20% in 2023 to an estimated 10.3 million.",
            "Most of the increase was in Africa and the Eastern Mediterranean, the agency said.",
            "\"The measles vaccine has saved more lives than any other vaccine,\" WHO Director-General Tedros Adhanomghebreyesus said.",
            "The agency called on governments to step up vaccination campaigns.",
        ],
        faithful=[
            [("Measles cases around the world increased 20% last year to about 10.3 million, the World Health Organization said on Friday.", [0]),
             ("Africa and the Eastern Mediterranean accounted for most of the rise.", [1]),
             ("\"The measles vaccine has saved more lives than any other vaccine,\" said WHO chief Tedros Adhanomghebreyesus.", [2])],
            [("The WHO urged governments on Friday to expand measles vaccination after cases climbed 20% in 2023.", [0, 3])],
        ],
        edits=[("increased 20% last year", "increased 30% last year", "number"),
               ("cases around the world increased", "cases around the world decreased", "antonym"),
               ("Africa and the Eastern Mediterranean", "Europe and South America", "entity"),
               ("said on Friday", "said on Monday", "date"),
               ("said WHO chief Tedros Adhanomghebreyesus", "said UNICEF chief Catherine Russell", "speaker"),
               ("\"The measles vaccine has saved more lives than any other vaccine,\"", "\"The measles vaccine has failed millions of children,\"", "quote")],
        added=["Health ministers will meet in Geneva next month to agree a new funding plan."],
    ),
    dict(
        source=[
            "LONDON, Oct 30 (Reuters) - British finance minister Rachel Reeves on Wednesday announced tax rises of 40 billion pounds in the first Labour budget in 14 years.",
            "Employers' national insurance contributions will rise to 15% from 13.8% from April.",
            "Reeves said the increases were needed to fix the public finances and rebuild public services.",
            "Conservative leader Rishi Sunak said the budget broke Labour's election promises.",
            "The Office for Budget Responsibility said the plans would add to inflation.",
        ],
        faithful=[
            [("Finance minister Rachel Reeves unveiled 40 billion pounds of tax increases on Wednesday in Labour's first budget for 14 years.", [0]),
             ("Employer national insurance will go up from 13.8% to 15% in April.", [1]),
             ("Reeves argued the rises were needed to repair the public finances and public services.", [2]),
             ("Rishi Sunak, the Conservative leader, accused Labour of breaking its election promises.", [3])],
            [("Britain's budget on Wednesday raised taxes by 40 billion pounds.", [0]),
             ("The budget watchdog said the measures would push up inflation.", [4])],
        ],
        edits=[("40 billion pounds of tax increases", "25 billion pounds of tax increases", "number"),
               ("Finance minister Rachel Reeves", "Prime minister Rachel Reeves", "office"),
               ("Rishi Sunak, the Conservative leader,", "Nigel Farage, the Conservative leader,", "entity"),
               ("first budget for 14 years", "first budget for 12 years", "number"),
               ("national insurance will go up", "national insurance will go down", "antonym"),
               ("in April.", "in January.", "date")],
        added=["Reeves also confirmed plans to sell the government's remaining stake in NatWest."],
    ),
    # ---------------- held out (test) below: never tuned on
    dict(
        source=[
            "MANILA, Aug 12 (AP) - A typhoon killed at least 23 people in the northern Philippines on Sunday and forced more than 150,000 from their homes, officials said.",
            "Typhoon Gaemi made landfall in Isabela province with winds of 185 kph.",
            "Civil defence chief Ariel Nepomuceno said 14 people were still missing.",
            "President Ferdinand Marcos Jr. ordered the military to deliver food to cut-off towns.",
        ],
        faithful=[
            [("At least 23 people died when a typhoon hit the northern Philippines on Sunday, officials said.", [0]),
             ("More than 150,000 people had to leave their homes.", [0]),
             ("Gaemi came ashore in Isabela province with winds of 185 kph.", [1]),
             ("Ariel Nepomuceno, the civil defence chief, said 14 people were missing.", [2])],
            [("Ferdinand Marcos Jr. told the military to bring food to isolated towns after Typhoon Gaemi killed at least 23 people.", [3, 0])],
        ],
        edits=[("At least 23 people died", "At least 32 people died", "number"),
               ("in Isabela province", "in Cagayan province", "entity"),
               ("on Sunday, officials said", "on Saturday, officials said", "date"),
               ("Ariel Nepomuceno, the civil defence chief, said", "Ferdinand Marcos Jr., the civil defence chief, said", "speaker"),
               ("14 people were missing", "no people were missing", "negation"),
               ("winds of 185 kph", "winds of 285 kph", "number")],
        added=["Officials said rice harvests in the region had been completely destroyed."],
    ),
    dict(
        source=[
            "SEOUL, May 28 (Reuters) - Samsung Electronics said on Tuesday its union would stage the first strike in the company's 55-year history on June 7.",
            "The National Samsung Electronics Union, which has about 28,000 members, is demanding a 6.5% pay rise.",
            "Samsung had offered 5.1% in talks that broke down last week.",
            "The company said the strike would not affect chip production.",
        ],
        faithful=[
            [("Samsung Electronics' biggest union will strike on June 7, the first walkout in the firm's 55-year history, the company said on Tuesday.", [0]),
             ("The union, with roughly 28,000 members, wants a 6.5% wage increase.", [1]),
             ("Samsung had offered 5.1% before talks collapsed last week.", [2]),
             ("Samsung said chip output would not be affected.", [3])],
            [("The National Samsung Electronics Union plans a strike on June 7 after wage talks broke down.", [0, 2])],
        ],
        edits=[("strike on June 7", "strike on July 7", "date"),
               ("roughly 28,000 members", "roughly 82,000 members", "number"),
               ("wants a 6.5% wage increase", "wants a 6.5% wage cut", "antonym"),
               ("chip output would not be affected", "chip output would be affected", "negation"),
               ("Samsung had offered 5.1%", "Samsung had offered 3.1%", "number"),
               ("55-year history", "75-year history", "number")],
        added=["Analysts at Morgan Stanley warned the strike could delay a new smartphone launch."],
    ),
    dict(
        source=[
            "BRASILIA, Dec 4 (AFP) - Brazil's Senate voted 53-24 on Wednesday to approve a bill that bans the sale of cigarettes to people under 21.",
            "Health Minister Nisia Trindade said the law would save thousands of lives.",
            "The tobacco industry group Abifumo said the ban would fuel smuggling from Paraguay.",
            "The bill now goes to President Luiz Inacio Lula da Silva, who is expected to sign it.",
        ],
        faithful=[
            [("Brazilian senators on Wednesday approved a bill banning cigarette sales to anyone under 21, by 53 votes to 24.", [0]),
             ("Health Minister Nisia Trindade said the measure would save thousands of lives.", [1]),
             ("Tobacco industry group Abifumo warned the ban would encourage smuggling from Paraguay.", [2]),
             ("President Luiz Inacio Lula da Silva is expected to sign the bill.", [3])],
            [("Brazil's Senate backed a ban on selling cigarettes to people under 21 on Wednesday.", [0])],
        ],
        edits=[("under 21, by 53 votes", "under 18, by 53 votes", "number"),
               ("Health Minister Nisia Trindade", "Finance Minister Nisia Trindade", "office"),
               ("smuggling from Paraguay", "smuggling from Argentina", "entity"),
               ("senators on Wednesday approved", "senators on Wednesday rejected", "antonym"),
               ("is expected to sign the bill", "is expected to veto the bill", "antonym"),
               ("Tobacco industry group Abifumo warned", "Health Minister Nisia Trindade warned", "speaker")],
        added=["The law will also raise taxes on alcohol by 10% from next year."],
    ),
    dict(
        source=[
            "OSLO, Oct 11 (Reuters) - Japanese atomic bomb survivors' group Nihon Hidankyo won the 2024 Nobel Peace Prize on Friday for its efforts to rid the world of nuclear weapons.",
            "The Norwegian Nobel Committee said the group had helped build a taboo against the use of nuclear arms.",
            "\"It is unbelievable,\" Toshiyuki Mimaki, the group's co-chair, told reporters in Hiroshima.",
            "The prize is worth 11 million Swedish crowns, or about $1 million.",
        ],
        faithful=[
            [("Nihon Hidankyo, a group of Japanese atomic bomb survivors, was awarded the 2024 Nobel Peace Prize on Friday.", [0]),
             ("The Norwegian Nobel Committee credited it with building a taboo against the use of nuclear weapons.", [1]),
             ("\"It is unbelievable,\" co-chair Toshiyuki Mimaki told reporters in Hiroshima.", [2]),
             ("The award carries 11 million Swedish crowns, roughly $1 million.", [3])],
            [("Japan's Nihon Hidankyo won the Nobel Peace Prize on Friday for campaigning against nuclear weapons.", [0])],
        ],
        edits=[("the 2024 Nobel Peace Prize", "the 2023 Nobel Peace Prize", "date"),
               ("11 million Swedish crowns", "15 million Swedish crowns", "number"),
               ("told reporters in Hiroshima", "told reporters in Nagasaki", "entity"),
               ("on Friday.", "on Thursday.", "date"),
               ("\"It is unbelievable,\" co-chair", "\"We did not expect to win,\" co-chair", "quote"),
               ("The Norwegian Nobel Committee credited", "The Swedish Academy credited", "entity")],
        added=["The group will donate the prize money to hospitals in Hiroshima, Mimaki said."],
    ),
    dict(
        source=[
            "CAIRO, July 1 (AP) - Egypt raised the price of subsidised bread by 300% on Saturday, the first increase in more than three decades.",
            "A loaf will now cost 20 piastres, up from 5 piastres.",
            "Prime Minister Mostafa Madbouly said the state would still cover most of the cost of bread.",
            "The International Monetary Fund has urged Egypt to cut subsidies as part of an $8 billion loan programme.",
        ],
        faithful=[
            [("Egypt quadrupled the price of subsidised bread on Saturday, its first increase in over 30 years.", [0]),
             ("A loaf now costs 20 piastres instead of 5.", [1]),
             ("Prime Minister Mostafa Madbouly said the government would still pay for most of the cost.", [2]),
             ("The IMF has pressed Egypt to reduce subsidies under an $8 billion loan deal.", [3])],
            [("Subsidised bread in Egypt went up to 20 piastres a loaf from 5 piastres on Saturday.", [1, 0])],
        ],
        edits=[("A loaf now costs 20 piastres", "A loaf now costs 25 piastres", "number"),
               ("Prime Minister Mostafa Madbouly", "President Mostafa Madbouly", "office"),
               ("an $8 billion loan deal", "an $3 billion loan deal", "number"),
               ("to reduce subsidies", "to increase subsidies", "antonym"),
               ("The IMF has pressed", "The World Bank has pressed", "entity"),
               ("bread on Saturday", "bread on Sunday", "date")],
        added=["Bakers in Alexandria went on strike in protest, local media reported."],
    ),
    dict(
        source=[
            "OTTAWA, Jan 6 (Reuters) - Canadian Prime Minister Justin Trudeau said on Monday he would resign as leader of the Liberal Party once a successor is chosen.",
            "Parliament will be suspended until March 24, Trudeau said.",
            "Trudeau, 53, has led the Liberals since 2013 and has been prime minister since 2015.",
            "Conservative leader Pierre Poilievre said nothing had changed and called for an early election.",
        ],
        faithful=[
            [("Justin Trudeau announced on Monday that he will step down as Liberal leader when the party picks a successor.", [0]),
             ("He said parliament would be suspended until March 24.", [1]),
             ("Trudeau, 53, has been prime minister since 2015 and Liberal leader since 2013.", [2]),
             ("Pierre Poilievre, the Conservative leader, demanded an early election.", [3])],
            [("Canada's prime minister, Justin Trudeau, said on Monday he would resign once the Liberals choose a new leader.", [0])],
        ],
        edits=[("suspended until March 24", "suspended until March 14", "date"),
               ("Trudeau, 53,", "Trudeau, 58,", "number"),
               ("prime minister since 2015", "prime minister since 2011", "date"),
               ("Pierre Poilievre, the Conservative leader,", "Jagmeet Singh, the Conservative leader,", "entity"),
               ("announced on Monday", "announced on Wednesday", "date"),
               ("he will step down as Liberal leader", "he will not step down as Liberal leader", "negation")],
        added=["Finance Minister Dominic LeBlanc is seen as the favourite to succeed him."],
    ),
    dict(
        source=[
            "SYDNEY, March 12 (AFP) - Australia's Qantas Airways reported a first-half profit of A$1.25 billion on Thursday, down 13% from a year earlier.",
            "The airline said it would resume share buybacks worth A$400 million.",
            "Chief executive Vanessa Hudson said demand for travel remained strong.",
            "Qantas shares rose 4% in Sydney.",
        ],
        faithful=[
            [("Qantas posted a first-half profit of A$1.25 billion on Thursday, 13% lower than a year before.", [0]),
             ("It will restart share buybacks of A$400 million.", [1]),
             ("Chief executive Vanessa Hudson said travel demand was still strong.", [2]),
             ("The airline's shares gained 4% in Sydney.", [3])],
            [("Qantas chief executive Vanessa Hudson said demand remained strong as the airline reported a A$1.25 billion half-year profit.", [2, 0])],
        ],
        edits=[("13% lower than a year before", "13% higher than a year before", "antonym"),
               ("share buybacks of A$400 million", "share buybacks of A$600 million", "number"),
               ("Chief executive Vanessa Hudson", "Chief executive Alan Joyce", "entity"),
               ("shares gained 4%", "shares fell 4%", "antonym"),
               ("on Thursday, 13%", "on Tuesday, 13%", "date"),
               ("travel demand was still strong", "travel demand was no longer strong", "negation")],
        added=["Qantas also said it would order 20 new Airbus jets for its domestic routes."],
    ),
    dict(
        source=[
            "BERLIN, Feb 24 (Reuters) - Friedrich Merz's conservatives won Germany's federal election on Sunday with 28.5% of the vote.",
            "The far-right Alternative for Germany came second with 20.8%, its best result ever.",
            "Chancellor Olaf Scholz's Social Democrats fell to 16.4%, their worst post-war result.",
            "Merz said he aimed to form a government by Easter.",
        ],
        faithful=[
            [("The conservatives led by Friedrich Merz won Germany's election on Sunday with 28.5% of the vote.", [0]),
             ("The far-right AfD finished second on 20.8%, its strongest showing.", [1]),
             ("Olaf Scholz's Social Democrats slumped to 16.4%, their worst result since the war.", [2]),
             ("Merz said he wanted a government in place by Easter.", [3])],
            [("Germany's conservatives, under Friedrich Merz, came first in Sunday's election, while the AfD was second.", [0, 1])],
        ],
        edits=[("with 28.5% of the vote", "with 32.5% of the vote", "number"),
               ("finished second on 20.8%", "finished third on 20.8%", "number"),
               ("Olaf Scholz's Social Democrats", "Robert Habeck's Social Democrats", "entity"),
               ("won Germany's election", "lost Germany's election", "antonym"),
               ("election on Sunday", "election on Saturday", "date"),
               ("by Easter", "by Christmas", "date")],
        added=["Merz has ruled out any coalition with the Greens, party officials said."],
    ),
]
DEV_ARTICLES = 8
TEST_ARTICLES = 16  # 9-16: test (run once before the last round of fixes, see docs)
# 17-: holdout, written after that round and run only for the final figures.
ARTICLES += [
    dict(
        source=[
            "JOHANNESBURG, Aug 22 (Reuters) - South Africa's state power utility Eskom said on Thursday it had not imposed rolling blackouts for 150 consecutive days, its longest run in four years.",
            "Chief executive Dan Marokane said the improvement came from better maintenance at its coal-fired plants.",
            "Eskom reported a net loss of 7.4 billion rand for the year to March, smaller than the 23.9 billion rand loss a year earlier.",
            "Electricity Minister Kgosientsho Ramokgopa said the utility would seek a 36% tariff increase next year.",
        ],
        faithful=[
            [("Eskom, South Africa's state power company, said on Thursday it had gone 150 days in a row without rolling blackouts.", [0]),
             ("That is its longest streak in four years.", [0]),
             ("Chief executive Dan Marokane credited better maintenance at the coal-fired power stations.", [1]),
             ("The utility's net loss narrowed to 7.4 billion rand in the year to March from 23.9 billion rand.", [2])],
            [("Electricity Minister Kgosientsho Ramokgopa said Eskom would ask for a 36% tariff rise next year.", [3])],
        ],
        edits=[("150 days in a row", "250 days in a row", "number"),
               ("net loss narrowed", "net loss widened", "antonym"),
               ("Chief executive Dan Marokane credited", "Minister Kgosientsho Ramokgopa credited", "speaker"),
               ("in the year to March", "in the year to June", "date"),
               ("without rolling blackouts", "with rolling blackouts", "negation"),
               ("at the coal-fired power stations", "at the Koeberg nuclear station", "entity")],
        added=["The company said it would also build three new solar farms in the Northern Cape."],
    ),
    dict(
        source=[
            "BUENOS AIRES, Oct 10 (AP) - Argentina's monthly inflation slowed to 3.5% in September, the lowest in almost three years, the national statistics agency INDEC said on Thursday.",
            "Annual inflation stood at 209%.",
            "President Javier Milei said the figures showed his austerity programme was working.",
            "Economists polled by the central bank had expected a monthly rate of 3.6%.",
        ],
        faithful=[
            [("Monthly inflation in Argentina eased to 3.5% in September, its lowest level in nearly three years, INDEC said on Thursday.", [0]),
             ("Prices were up 209% from a year earlier.", [1]),
             ("Javier Milei said the data proved his spending cuts were working.", [2]),
             ("Economists surveyed by the central bank had forecast 3.6%.", [3])],
            [("Argentine inflation slowed in September to 3.5% a month, the national statistics agency said.", [0])],
        ],
        edits=[("eased to 3.5% in September", "eased to 2.5% in September", "number"),
               ("eased to 3.5%", "accelerated to 3.5%", "antonym"),
               ("Javier Milei said", "Cristina Fernandez de Kirchner said", "entity"),
               ("in September, its lowest", "in August, its lowest", "date"),
               ("Prices were up 209%", "Prices were up 290%", "number"),
               ("his spending cuts were working", "his spending cuts were not working", "negation")],
        added=["Milei plans to lift all currency controls before the end of the year, his spokesman said."],
    ),
    dict(
        source=[
            "ROME, May 15 (Reuters) - Italian police arrested 31 people on Wednesday in an operation against a mafia clan accused of extortion in Naples, prosecutors said.",
            "Those detained include the alleged boss of the Licciardi clan, investigators said.",
            "Interior Minister Matteo Piantedosi praised the police for the operation.",
            "\"The state is stronger than the mafia,\" Piantedosi said in a statement.",
        ],
        faithful=[
            [("Italian police detained 31 people on Wednesday in a raid on a mafia clan suspected of extortion in Naples, prosecutors said.", [0]),
             ("Among them is the alleged head of the Licciardi clan.", [1]),
             ("Interior Minister Matteo Piantedosi thanked police for the operation.", [2]),
             ("\"The state is stronger than the mafia,\" Piantedosi said.", [3])],
            [("Police in Naples arrested 31 suspected members of the Licciardi mafia clan on Wednesday.", [0, 1])],
        ],
        edits=[("detained 31 people", "detained 13 people", "number"),
               ("extortion in Naples", "extortion in Palermo", "entity"),
               ("Interior Minister Matteo Piantedosi", "Justice Minister Matteo Piantedosi", "office"),
               ("\"The state is stronger than the mafia,\" Piantedosi", "\"The state is stronger than the mafia,\" Giorgia Meloni", "speaker"),
               ("on Wednesday in a raid", "on Sunday in a raid", "date"),
               ("\"The state is stronger than the mafia,\"", "\"The mafia is stronger than the state,\"", "quote")],
        added=["Seven of those arrested were later released without charge, a lawyer said."],
    ),
    dict(
        source=[
            "SINGAPORE, Feb 27 (AFP) - Singapore Airlines said on Tuesday its net profit for the nine months to December rose 24% to S$2.05 billion on strong travel demand.",
            "Passenger numbers climbed 29% to 27.5 million.",
            "The airline said fuel costs rose because it flew more flights.",
            "It said it would take delivery of 14 new aircraft this year.",
        ],
        faithful=[
            [("Singapore Airlines said on Tuesday its nine-month net profit increased 24% to S$2.05 billion as travel demand stayed strong.", [0]),
             ("It carried 27.5 million passengers, up 29%.", [1]),
             ("Fuel costs went up because it operated more flights, the airline said.", [2])],
            [("Singapore Airlines expects 14 new aircraft to be delivered this year.", [3])],
        ],
        edits=[("increased 24%", "decreased 24%", "antonym"),
               ("to S$2.05 billion", "to S$2.5 billion", "number"),
               ("27.5 million passengers", "72.5 million passengers", "number"),
               ("said on Tuesday", "said on Friday", "date"),
               ("Fuel costs went up", "Fuel costs went down", "antonym"),
               ("Singapore Airlines said", "Cathay Pacific said", "entity")],
        added=["The carrier also announced a special dividend of 10 cents a share."],
    ),
]


def records():
    for n, art in enumerate(ARTICLES, start=1):
        split = "dev" if n <= DEV_ARTICLES else "test" if n <= TEST_ARTICLES else "holdout"
        source = " ".join(art["source"])
        base = art["faithful"][0]
        base_text = " ".join(s for s, _ in base)
        for k, rewrite in enumerate(art["faithful"]):
            yield split, dict(id=f"a{n:02d}-ok{k}", source_text=source,
                              text=" ".join(s for s, _ in rewrite), label="consistent",
                              error_type=None, alignment=[ix for _, ix in rewrite],
                              sentences=[s for s, _ in rewrite])
        for k, (old, new, kind) in enumerate(art["edits"]):
            assert base_text.count(old) == 1, (n, old)
            yield split, dict(id=f"a{n:02d}-e{k}-{kind}", source_text=source,
                              text=base_text.replace(old, new), label="inconsistent",
                              error_type=kind)
        for k, claim in enumerate(art["added"]):
            # the unsupported claim goes after the second sentence
            sents = [s for s, _ in base]
            yield split, dict(id=f"a{n:02d}-add{k}", source_text=source,
                              text=" ".join(sents[:2] + [claim] + sents[2:]),
                              label="inconsistent", error_type="unsupported_claim")


def main():
    here = Path(__file__).parent
    out = {"dev": [], "test": [], "holdout": []}
    for split, rec in records():
        out[split].append(rec)
    for split, recs in out.items():
        with open(here / f"{split}.jsonl", "w") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{split}: {len(recs)} pairs")


if __name__ == "__main__":
    main()
