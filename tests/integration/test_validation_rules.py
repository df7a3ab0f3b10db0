"""DfE 903 validation rules (fct_validation_errors) on a hand-built return and on the
synthetic council with injected errors. Real loader, real `dbt build`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, build_warehouse

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

# child -> exactly the rules it breaks (the working is in fixtures/validation/README.md)
EXPECTED = {
    "V01": set(),  # nothing
    "V02": {"101"},  # SEX X: 2024-25 codes are M/F/U
    "V03": {"103"},  # ETHNIC WXYZ
    "V04": {"388", "433"},  # X1 episode ends 01/07/2024, next (RNE P) starts 05/07/2024
    "V05": {"361"},  # police protection L1 01/05 to 06/05/2024: 5 days > 72 hours
    "V06": {"550"},  # provider PR0 (parents) with placement U4
    "V07": {"440"},  # review code PN0 (under 4) at 11
    "H01": {"102"},  # DOB 31/02/2012 is not a date (age rules then have no DOB to test)
    "H02": {"168"},  # UPN starts with I
    "H03": {"393"},  # a girl in care (not on short breaks) with MOTHER blank
    "H04": {"174"},  # a boy with MC_DOB 01/01/2024
    "H05": {"611"},  # MOTHER 1, MC_DOB blank
    "H06": {"612"},  # a girl with MOTHER 0 and MC_DOB given
    "H07": {"209"},  # UPN UN1 (not of school age) at 11: 4 on 15/06/2016, before 31/08/2023
    "H10": {"351", "352", "359"},  # born 15/06/1998
    "H11": {"210"},  # UPN UN4 (new in the last week) but in care since 01/05/2024
    "H12": {"EPI"},  # a Header and nothing else (no episodes, no OC3)
    "H13": {"232"},  # SEX U
    # born 15/06/2025, after 31/03/2025 (301); any episode in the year then starts before birth
    # (302)
    "H14": {"301", "302"},
    "H15": {"399"},  # a girl on short breaks only (V3) with MOTHER 0
    # a girl who left care 01/06/2024 (E8) with MOTHER blank (607); 393 asks MOTHER of every girl in
    # care other than on short breaks, so it fires as well
    "H16": {"607", "393"},
    "H17": {"620"},  # a girl born 15/06/2014 (9 on 1 April 2024) with MOTHER 1, MC_DOB 01/01/2024
    "H18": {"621"},  # a girl (born 15/06/2012) with MOTHER 1 and MC_DOB 01/01/2010
    "H19": {"625"},  # a girl in care to 01/06/2024 (E8) with MOTHER 1, MC_DOB 15/06/2024
    # MC_DOB 01/10/2024 is after an X1 change of placement on 01/08/2024 but she is still in
    # care: her latest episode is open, so there is no DEC to be beyond (the DfE validator flags it)
    "H28": set(),
    "H20": {"202"},  # 2023-24 SEX 2 (female), 2024-25 SEX M
    "H21": {"203"},  # 2023-24 DOB 15/06/2012, 2024-25 DOB 16/06/2012
    "H22": {"204"},  # 2023-24 ETHNIC WBRI, 2024-25 WIRI
    "H23": {"208"},  # 2023-24 UPN A123456789304, 2024-25 A123456789305
    # a mother (born 15/06/2008): MC_DOB 01/01/2023 in 2023-24, 01/02/2023 in 2024-25
    "H24": {"624"},
    # born 15/06/2008: MOTHER 0 in 2023-24; MOTHER 1 with MC_DOB 01/01/2024 in 2024-25
    "H25": {"626"},
    "H26": {"444"},  # 2025-26 only: UPN A123456789999, the same as H27
    "H27": {"444"},  # 2025-26 only: UPN A123456789999, the same as H26
    "U01": {"104"},  # UASC DUC 31/02/2025 is not a date
    "U02": {"304"},  # UASC DUC 01/07/2024, after the 18th birthday 15/06/2024
    "U03": {"231"},  # UASC born 15/06/2016: 7 at the start and 8 at the end of the year (under 11)
    # UASC born 15/06/2013: 10 on 1 April 2024 but 11 on 31 March 2025, the date the DfE's 231
    # looks at, so no rule (the boundary of 231)
    "U90": set(),
    # a UASC row for a child in no Header (and no Episodes: 1012 does not cover UASC)
    "U04": {"INT09"},
    "U05": {"INT18"},  # UASC DOB 16/06/2012, Header DOB 15/06/2012
    "U06": {"INT21"},  # UASC SEX F, Header SEX M
    # RNE X (143); the first episode starts in the year without RNE S (357); and, since the
    # DfE's 12-month test looks for an RNE S start in the year, the child counts as looked after
    # for 12 months with no OC2 row (191, as the DfE validator flags it too)
    "E01": {"143", "357", "191"},
    "E02": {"144"},  # LS X9
    "E03": {"145"},  # CIN N9
    "E04": {"146"},  # PLACE Q9
    "E05": {"147"},  # DEC 31/02/2025 with REC E8
    "E06": {"148"},  # DEC 01/06/2024 with REC blank
    "E07": {"149"},  # REC E99
    "E08": {"142", "433"},  # an open episode followed by another (142)
    "E09": {"178", "213", "380"},  # T1 with provider PR1
    "E10": {"214", "398"},  # short break V3 with a placement postcode
    "E11": {"222"},  # P1 (placed with parents) with a URN
    "E12": {"217", "551"},  # A3 entered with RNE P (217)
    "E13": {"358"},  # J1 (remand) at 7: born 15/06/2016, episode 01/05/2024
    "E14": {"362"},  # EPO L2 01/05 to 01/06/2024: 31 days > 21
    "E15": {"363"},  # child assessment order L3 01/05 to 10/05/2024: 9 days > 7
    "E16": {"364"},  # PACE J2 01/05 to 25/05/2024: 24 days > 21
    "E17": {"365"},  # one short break V3 01/05 to 21/05/2024: 20 days > 17
    "E18": {"372"},  # young offender institution R5 from 01/05/2024 at 9 (10 on 15/06/2024)
    "E19": {"376"},  # T3 (carer's holiday) 01/06 to 26/06/2024
    "E20": {"378"},  # P1 with LS V2
    "E21": {"385"},  # DEC 15/04/2025, after 31 March 2025
    "E22": {"390"},  # adopted (REC E11) from U4, not an A placement
    "E23": {"553"},  # placement order E1 and no PlacedAdoption row
    "E24": {"529"},  # provider PR3 (other public) with U4
    "E25": {"528"},  # provider PR2 (other LA) with R2
    "E26": {"426"},  # short breaks under both V3 and V4 in the year
    "E27": {"388", "431"},  # episode ends 01/06/2024 with E8 and the next starts the same day
    "E28": {"432", "433"},  # care ends 01/06/2024 (E8), next episode 10/06/2024 with RNE P
    "E29": {"434"},  # RNE L but LS stays C2
    "E30": {"435"},  # RNE P but placement, postcode, URN and provider unchanged
    "E31": {"504"},  # CIN N1 becomes N2 inside one period of care
    "E32": {"1009"},  # placement change with REASON_PLACE_CHANGE BADRC
    "E33": {"INT03"},  # an episode of a child in no Header
    # adopted (E11) 01/10/2024 and back in care 01/12/2024 (199); AD1's DATE_INT 01/06/2024 belongs
    # to that adoption, but 334 reads it against the latest period of care, which starts later
    "E34": {"199", "334"},
    # X1 on 01/07/2024 into a new placement (RNE P, U6) with REASON_PLACE_CHANGE blank
    "E35": {"225"},
    "E36": {"226"},  # temporary T1 (01/06 to 10/06/2024) after an episode ending with reason CARPL
    "E37": {"302"},  # born 15/06/2024, first episode 01/05/2024
    # K2 (children's home) then A4 (placed for adoption) from 01/08/2024, no foster placement before
    "E38": {"336"},
    # born 15/06/1990 with an episode 01/10/1991 to 01/10/1992 (353); anyone in care before
    # 14/10/1991 is over 25 on 1 April 2024 (351)
    "E39": {"353", "351"},
    "E40": {"354"},  # one episode from 15/04/2025, after the year ends 31/03/2025
    "E41": {"355"},  # episode 01/05/2024 to 01/05/2024 (E8)
    "E42": {"356"},  # episode 01/05/2024 ends 20/04/2024 (E8)
    # V3 short break 01/05 (K2) continues as a new placement U6 on 03/05/2024 (RNE P)
    "E43": {"366"},
    "E44": {"367"},  # five V3 breaks of 16 days (1st-17th of May-September 2024): 80 days > 75
    "E46": {"373"},  # school S1 01/05 to 01/06/2024 at 2 (born 15/06/2021)
    "E47": {"374"},  # residential employment P3 01/05 to 01/06/2024 at 11
    "E48": {"375"},  # hospital T1 01/06 to 20/07/2024: 49 days > 42
    "E49": {"377"},  # three T3 (carer's holiday) placements of 7 days in June, August, October 2024
    "E50": {"379"},  # T4 01/06 to 11/06/2024: 10 days > 7
    "E51": {"381"},  # care ends (E8) 10/06/2024 in hospital T1
    "E52": {"382"},  # short breaks V4: K2, then T1 03/05 to 05/05/2024, then K2
    "E53": {"383"},  # U4, T1 01/06 to 10/06/2024, then U6 (not back to U4)
    "E54": {"384"},  # short break V3 in U4 (long-term foster care)
    "E55": {"386"},  # born 15/01/2007, adopted (E11) on the 18th birthday 15/01/2025
    "E56": {"387"},  # REC E5 (independent living) 01/06/2024 at 11
    "E57": {"389"},  # REC E7 (adult social care) 01/06/2024 at 11
    "E58": {"392b"},  # open episode with HOME_POST and no PL_POST
    "E59": {"408"},  # A6 (placed for adoption with placement order) from 01/07/2024 under LS C2
    "E60": {"436"},  # RNE B on 01/07/2024 but LS stays C2 (placement U4 to U6)
    "E61": {"437"},  # care ends 01/06/2024 with E15, new period from 01/07/2024
    # care ends 01/07/2024 (E8), a new period (RNE S) starts 20/06/2024, before that end (501); an
    # RNE S on or before the day the last episode ended is 431 as well
    "E62": {"431", "501"},
    "E63": {"527"},  # P1 (placed with parents) with provider PR1
    "E64": {"530"},  # P1 with provider PR4
    "E65": {"531"},  # P1 with provider PR5
    # born 01/06/2005, placement order E1 from 01/11/2005 (before December 2005) to 01/05/2024
    "E66": {"446"},
    "E67": {"370"},  # 2023-24 only: P2 (independent living) 01/05 to 01/06/2023 at 11
    "E68": {"371"},  # 2023-24 only: H5 (semi-independent) 01/05 to 01/06/2023 at 11
    # 2023-24 only, born 15/06/2007: 15 on 01/05/2023. The 2023-24 rules ask for 16 (to 2022-23:
    # P2 at 15 and H5 at 14, which would pass both), so P2 breaks 370 and H5 breaks 371
    "E91": {"370"},
    "E92": {"371"},
    "E69": {"445"},  # 2023-24 only: freeing order D1 from 01/05/2023 (after December 2005)
    "E70": {"233"},  # 2025-26 only: open episode with REASON_PLACE_CHANGE CARPL
    "E71": {"234"},  # 2025-26 only: born 15/06/2017, leaves U4 01/07/2025 for custody (CUSTOD) at 8
    "E72": {"199"},  # adopted (E11) 01/06/2022 from A4, in care again (RNE S) from 01/05/2024
    "R01": {"167"},  # review with REVIEW_CODE blank
    "R02": {"441"},  # review code PN1 at 2 (born 15/06/2021)
    "R03": {"1012", "INT08"},  # a review of a child in no Header and no Episodes
    "R05": {"INT17"},  # review PN1 on 20/05/2024 with DOB 16/06/2012
    "M01": {"1006"},  # MISSING X
    "M02": {"567"},  # missing period ends 05/05/2024, before it starts 10/05/2024
    "M03": {"581"},  # missing from 15/04/2024, before the child's care began 01/05/2024
    "M04": {"1005"},  # MIS_END 31/02/2025 is not a date
    "M05": {"INT04", "1012"},  # a Missing row only: no Header (INT04), no episodes (1012)
    "M06": {"INT13"},  # Missing DOB 16/06/2012 against the Header's 15/06/2012
    "M07": {"565"},  # missing from 10/05/2024, MISSING blank, no end
    # missing 10/05 to 11/05/2024 with MISSING blank: the end (566) and the start, always given as
    # it is the key, (565) both lack it
    "M08": {"566", "565"},
    "M09": {"570"},  # missing from 10/04/2025, after the year
    "M10": {"571"},  # missing 30/03/2025 to 05/04/2025: ends after the year
    "M11": {"574"},  # missing 10/05 to 20/05/2024, then away 15/05 to 25/05/2024 (overlap)
    "M12": {"575"},  # missing from 20/05/2024 (no end) while the U4 placement ends 01/06/2024
    "M13": {"586"},  # born and in care 01/05/2024, missing 01/05 to 02/05/2024
    "P01": {"631"},  # PREV_PERM P9
    "P02": {"633"},  # LA_PERM 123
    "P03": {"635"},  # LA_PERM given with PREV_PERM blank
    # a PrevPerm row (P2, 202, 01/01/2020) only: no Header (INT07), no episodes (1012)
    "P04": {"INT07", "1012"},
    "P05": {"INT16"},  # PrevPerm DOB 16/06/2012 (P2, 202, 01/01/2020)
    # 12-month OC2 child (in care since 01/01/2023) with PrevPerm P2, 202, 01/01/2020
    "P06": {"634"},
    "O01": {"190"},  # OC2 items for a child in care only since 01/05/2024 (not 12 months)
    "O02": {"192"},  # in care since 01/01/2023
    "O03": {"131"},  # care leaver with IN_TOUCH XX
    "O04": {"132"},  # care leaver with ACTIV Q9
    "O05": {"133"},  # care leaver with ACCOM Q9
    "O06": {"180"},  # 12-month OC2 child with SDQ_SCORE 41 (0-40)
    "O07": {"196"},  # 12-month OC2 child with SDQ_REASON SDQ9
    # an OC2 row (all items blank) only: no Header (INT05), no episodes (1012)
    "O08": {"INT05", "1012"},
    "O09": {"INT06"},  # a care leaver's OC3 row (YES F2 S2) and no Header; 1012 does not cover OC3
    "O10": {"INT14"},  # 12-month OC2 child with OC2 DOB 16/06/2012
    "O11": {"INT15"},  # care leaver with OC3 DOB 16/06/2006, Header 15/06/2006
    "O13": {"191"},  # 12-month OC2 child with IMMUNISATIONS blank
    "O14": {"157"},  # 12-month, 11 at the start of the year: no SDQ score, reason SDQ1
    "O15": {"158"},  # substance misuse 1, intervention received 1 and offered 1
    "O16": {"159"},  # substance misuse 1, intervention received 0, offered blank
    "O17": {"185"},  # in care since 01/05/2024 (not 12 months) with SDQ_SCORE 10 only
    "O18": {"186"},  # 12-month, 11 at the start: SDQ score and reason both blank
    "O19": {"188"},  # born 15/06/2021 (3 on 31/03/2025), 12 months in care, SDQ_SCORE 10
    "O20": {"189"},  # born 15/03/2007 (17 on 1 April 2024), V2 in K2 since 01/01/2023, SDQ_SCORE 10
    "O21": {"193"},  # substance misuse 0 with intervention received 1
    "O22": {"197B"},  # born 15/06/2020 (4 on 15/06/2024), 12 months, SDQ score and reason blank
    "O23": {"197a"},  # 12-month with SDQ_SCORE 10 and SDQ_REASON SDQ2
    "O24": {"198"},  # in care since 01/05/2024 (not 12 months) with SDQ_REASON SDQ2 only
    "O25": {"542"},  # born 15/06/2016 (8 on 31/03/2025), 12 months, CONVICTED 0
    "O26": {"543"},  # 12-month, 12 on 31/03/2025, CONVICTED blank
    # 12-month child, CONVICTED 1 with IMMUNISATIONS blank (544); every 12-month child needs
    # IMMUNISATIONS (191)
    "O27": {"544", "191"},
    "O28": {"545"},  # born 15/06/2021 (3 on 31/03/2025), 12 months, HEALTH_CHECK blank
    "O29": {"546"},  # 12-month, 12 on 31/03/2025, HEALTH_CHECK 1
    # born 15/06/2021, 12 months in care, HEALTH_CHECK 1 with IMMUNISATIONS blank (547); every
    # 12-month child needs IMMUNISATIONS (191)
    "O30": {"547", "191"},
    # born 15/06/2006, left care 01/06/2024 (E8); OC3 given and OC2 TEETH_CHECK 1 (215); a care
    # leaver is not looked after for 12 months, so the OC2 item is 190 too
    "O31": {"215", "190"},
    # as O31, but the OC2 row gives only CONVICTED 0: still care leaver information with a
    # 12-month item (215), and CONVICTED is one of 190's items
    "O91": {"215", "190"},
    # in care since 01/01/2023, open: looked after 12 months at 31 March with no OC2 row at all
    # (191, flagged on the first episode as the DfE does)
    "O90": {"191"},
    # supported accommodation K3 from 01/05/2024 at 11 (born 15/06/2012): under 16 (371, K3
    # from 2024-25)
    "E90": {"371"},
    # care leaver with ACTIV blank (IN_TOUCH YES, ACCOM S2): partly completed (153); blank is not a
    # valid ACTIV either (132)
    "O32": {"153", "132"},
    "O33": {"344"},  # care leaver with IN_TOUCH DIED but ACTIV F2, ACCOM S2
    "O34": {"347"},  # born 15/06/2007 (16 on 1 April 2024, 17 on 31 March 2025), ACCOM T1 (foyer)
    "O35": {"391"},  # born 15/06/2009: 15 all year, not 17-21
    "O36": {"1000"},  # born 15/06/2006, died in care (E2) 01/06/2024, OC3 DIED 0 0
    # born 15/06/2007, in care 01/01/2023 to 01/08/2024: looked after on the 17th birthday
    "O37": {"1007"},
    "O38": {"1011"},  # born 15/06/2006, care transferred to another LA (E3) 01/06/2024, OC3 given
    # born 15/06/2007 (17th birthday in the year), OC3 ACCOM Z1 (former foster carers)
    "O39": {"3001"},
    # 12-month OC2 child with an AD1 row (187); still in care at 31 March, so not adopted in the
    # year (602)
    "O40": {"187", "602"},
    "A01": {"517"},  # adopted 01/03/2025
    # an AD1 row for a child with no Header and no episodes: no other data for a child with no
    # episodes (1012), an AD1 for a child not adopted in the year (602), not in the Header (INT01)
    "A90": {"1012", "602", "INT01"},
    # a PlacedAdoption row for a child with no Header and no episodes (1012, INT02)
    "A91": {"1012", "INT02"},
    # adopted (template) with DATE_INT 31/02/2024: not a date (112); the text is entered, so the
    # AD1 is complete (no 151 or 601); the DfE also reads the unparsed DATE_INT as after
    # DATE_MATCH (333)
    "A92": {"112", "333"},
    "A93": {"113"},  # adopted (template) with DATE_MATCH 31/02/2024: not a date, still entered
    # in care; PlacedAdoption ceased 31/02/2025 (not a date, 116) with a reason: both entered, so
    # no 119
    "A94": {"116"},
    "A05": {"120"},  # decision reversed 01/12/2024 with REASON_PLACED_CEASED RD9
    "A06": {"175"},  # adopted (template) with NB_ADOPTR 3
    # adopted by one adopter (NB 1, LS L0) with SEX_ADOPTR XX (176); 514 flags L0 with SEX_ADOPTR
    # not M1/F1
    "A07": {"176", "514"},
    "A08": {"177"},  # adopted (template) with LS_ADOPTR L9
    # adopted (template) with no Header: its AD1 (INT01), PlacedAdoption (INT02) and Episodes
    # (INT03) rows all name a child the Header lacks
    "A09": {"INT01", "INT02", "INT03"},
    # an open episode and a PlacedAdoption row (01/06/2024), no Header (INT02); the episode is INT03
    # (and keeps 1012 away)
    "A10": {"INT02", "INT03"},
    "A11": {"INT11"},  # adopted (template) with AD1 DOB 16/06/2012
    "A12": {"INT12"},  # adopted (template) with PlacedAdoption DOB 16/06/2012
    "A13": {"117"},  # in care; PlacedAdoption 01/06/2024 ceased 15/04/2025, after the year ends
    # in care since 01/01/2023; decision 01/02/2023 reversed 01/03/2024, before the year
    "A14": {"118"},
    "A15": {"119"},  # decision reversed 01/12/2024 with REASON_PLACED_CEASED blank
    # adopted (template) with FOSTER_CARE blank: partly completed (151), and an adopted child's AD1
    # must be complete (601)
    "A16": {"151", "601"},
    # PlacedAdoption DATE_PLACED 01/01/2012: before birth (184), and so before care began 01/05/2024
    # (1003)
    "A17": {"184", "1003"},
    # adopted with DATE_INT 01/07/2024 after DATE_MATCH 01/06/2024 (DATE_PLACED 01/07/2024)
    "A18": {"333"},
    "A19": {"511"},  # adopted by two (NB_ADOPTR 2) with SEX_ADOPTR M1, LS_ADOPTR L0
    "A20": {"516"},  # children's home K2 ends with E45 (special guardianship, former foster carers)
    "A21": {"518"},  # adopted with LS_ADOPTR L4 and SEX_ADOPTR MF
    "A22": {"519"},  # adopted with LS_ADOPTR L2 (civil partnership), one adopter M1
    "A23": {"520"},  # adopted with LS_ADOPTR L11 and SEX_ADOPTR MM
    "A24": {"522"},  # PlacedAdoption 01/06/2024 reversed 15/05/2024, before it
    "A25": {"523"},  # adopted with DATE_PLACED 15/05/2024 and DATE_INT 01/06/2024
    "A26": {"524"},  # adopted with LS_ADOPTR L12 and SEX_ADOPTR MF
    "A27": {"525"},  # adopted, but the decision was reversed 01/02/2025 (RD1)
    "A28": {"557"},  # placed for adoption (A4) then care ends 01/03/2025 with E8; no reversal given
    "A29": {"1003"},  # in care from 01/05/2024; DATE_PLACED 01/04/2024, before
    "A30": {"602"},  # in care from 01/05/2024 (not adopted) with an AD1 row as the template
    "A31": {"601"},  # adopted (template) with an AD1 row whose items are all blank
    # adopted by one adopter (NB_ADOPTR 1, LS_ADOPTR L0) with SEX_ADOPTR MF, a couple's code
    "A32": {"514"},
}

# injected kind and column -> the rule that must find it (unknown SEX is 101, and so on)
RULE_FOR = {
    ("unknown_code", "SEX"): "101",
    ("unknown_code", "ETHNIC"): "103",
    ("unknown_code", "LS"): "144",
    ("unknown_code", "PLACE"): "146",
    ("unknown_code", "REVIEW_CODE"): "167",
    ("bad_date", "DEC"): "147",
    ("bad_date", "DOB"): "102",
    ("broken_episode_chain", "DECOM"): "433",
}

# the rules and everything they read (with its data tests); the measures are not needed here
VALIDATION_ONLY = "+fct_validation_errors"


def _flags(warehouse: Path) -> list[tuple[str, str, str, int, int]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "select child_id, rule_code, table_name, row_number, collection_year "
            "from marts.fct_validation_errors"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def fixture_flags(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str, int, int]]:
    workdir = tmp_path_factory.mktemp("validation_fixture")
    return _flags(build_warehouse(FIXTURES / "validation", workdir, VALIDATION_ONLY))


def test_each_child_breaks_exactly_its_rules(
    fixture_flags: list[tuple[str, str, str, int, int]],
) -> None:
    found: dict[str, set[str]] = {child: set() for child in EXPECTED}
    for child, rule, _, _, _ in fixture_flags:
        found.setdefault(child, set()).add(rule)
    assert found == EXPECTED


def test_flags_name_the_row_in_the_file(
    fixture_flags: list[tuple[str, str, str, int, int]],
) -> None:
    rows = {(child, rule): (table, line, year) for child, rule, table, line, year in fixture_flags}
    # V04's X1 episode is line 5 of episodes.csv (header line 1, V01-V03 on lines 2-4)
    assert rows[("V04", "388")] == ("episodes", 5, 2025)
    assert rows[("V04", "433")] == ("episodes", 6, 2025)
    # V07's review is line 3 of reviews.csv
    assert rows[("V07", "440")] == ("reviews", 3, 2025)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from cpw.synth import generate_council

    workdir = tmp_path_factory.mktemp("validation_synth")
    generate_council(workdir / "in", children=150, years=2, seed=8, inject_errors=True)
    return workdir / "in", build_warehouse(workdir / "in", workdir, VALIDATION_ONLY)


def test_every_injected_error_that_reaches_the_warehouse_is_found(
    synthetic: tuple[Path, Path],
) -> None:
    input_dir, warehouse = synthetic
    manifest = json.loads((input_dir / "manifest.json").read_text())
    flags = {(rule, table, line, year) for _, rule, table, line, year in _flags(warehouse)}
    checked = 0
    for error in manifest:
        rule = RULE_FOR.get((error["kind"], error["column"]))
        if rule is None or error["expected_disposition"] == "rejected":
            continue  # rejected rows never reach raw; duplicates are the loader's (test_quality)
        year = int(error["year"][:4]) + 1
        table = error["file"].split("/")[-1].removesuffix(".csv")
        assert (rule, table, error["line"], year) in flags, error
        checked += 1
    assert checked > 0


def test_clean_synthetic_data_breaks_no_rule(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from cpw.synth import generate_council

    workdir = tmp_path_factory.mktemp("validation_clean")
    generate_council(workdir / "in", children=150, years=2, seed=8)
    rules = {
        rule
        for _, rule, _, _, _ in _flags(build_warehouse(workdir / "in", workdir, VALIDATION_ONLY))
    }
    assert rules == set()


def test_the_demo_council_breaks_no_rule(built_warehouse: Path) -> None:
    # the demo is generated clean; its one error until Dec 2026 was rule 625 read as the DfE
    # validator's code reads it (see H28 above), for a girl whose child was born in care
    assert _flags(built_warehouse) == []


def test_the_speed_bench_replays_every_rule_model_in_dbts_order(
    synthetic: tuple[Path, Path],
) -> None:
    # bench/bench_validator.py times the rule models by re-running their compiled SQL; a
    # family it did not know of would go untimed, and one run before its parents would fail
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_validator import VALIDATION_MODELS, validation_layers

    _, warehouse = synthetic
    families = sorted({p.stem for p in (ROOT / "models" / "validation").glob("int_validation__*")})
    assert len(families) == 5
    assert validation_layers(warehouse.parent / "dbt_target" / "manifest.json") == [
        ["int_validation_children"],
        families,
        ["fct_validation_errors"],
    ]
    assert set(VALIDATION_MODELS) == {"int_validation_children", *families, "fct_validation_errors"}
