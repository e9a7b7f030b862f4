// The demo portal's claim checker: what the council can claim for one family
// under payment by results, worked out by the engine's `claimPayment` on
// every edit.
//
// The form keeps a family record as rows (members, dated facts, school terms
// and attendance, the key worker's records) and builds the `claimPayment`
// call from them: the family record is the one `checkEligibility` takes, its
// assessment date the claim date. Every amount and date on screen is the
// engine's; the page does no arithmetic.
//
// The rules are the built-in pack in force on the attachment date (today's
// when there is none yet), unless the officer chooses one; the form asks for
// each scheme's own records: the phases' key worker records, or the 2022
// framework's case closure and each need's outcome (the needs offered are the
// answer's `needsAtAttachment`). A scheme that pays no results (ff-2025), or
// an Earned Autonomy council, gets the answer's reason instead of £0.00. The
// claim's audit trail is shown as the check-list an auditor signs: it is all
// the page prints once there is a claim (claim.css), and it downloads as the
// engine's `audit.csv`, named by the claim date only.
//
// Every word the page writes is in English and Welsh (WORDS: the page's HTML,
// which the shell's language switch rewrites; SAY: what the page builds; the
// kinds of fact are the package's words, as the eligibility element shows
// them); the engine's own sentences (the results' titles, evidence and
// explanations, the parameters and their sources, notes, errors with no Welsh
// twin) stay English, marked lang="en-GB". The Welsh was written for this
// project and should be reviewed by a Welsh speaker in the council before use
// with the public.
import { pageLanguage } from "./shell.js";
import init, { claimPayment, rulePacks, version } from "../pkg/community_budget.js";
import { t } from "../pkg/i18n.js";
import { maybe } from "../pkg/case-store.js";
import { saveText } from "../pkg/cohort.js";
import {
  $, announce, answerOf, confirmThen, el, followErrorLinks, formatMoney, formGroup, keepCase, receiptDetails, rowList, startPage, table, wordsOf,
} from "./ui.js";

// The page's HTML, by id ("title": the document's title).
export const WORDS = {
  title: { en: "Claim checker – community budget demo portal", cy: "Gwirio hawliad – porth arddangos cyllideb gymunedol" },
  "page-heading": { en: "What can the council claim for this family, and when?", cy: "Beth all y cyngor ei hawlio am y teulu hwn, a phryd?" },
  "page-intro": {
    en: "A payment-by-results claim checker for one family: the attachment fee, and each result with the evidence that meets it, the evidence still missing and the earliest date it can be claimed. The rates and tests come from the dated rule packs. The results update as you type.",
    cy: "Gwiriwr hawliadau talu yn ôl canlyniadau ar gyfer un teulu: y ffi atodi, a phob canlyniad gyda’r dystiolaeth sy’n ei fodloni, y dystiolaeth sy’n dal ar goll a’r dyddiad cynharaf y gellir ei hawlio. Daw’r cyfraddau a’r profion o’r pecynnau rheolau dyddiedig. Mae’r canlyniadau’n diweddaru wrth i chi deipio.",
  },
  "engine-status": { en: "Loading the claim checker…", cy: "Wrthi’n llwytho’r gwiriwr hawliadau…" },
  "load-example": { en: "Fill in a phase 1 example", cy: "Llenwi enghraifft cam 1" },
  "load-example-2": { en: "Fill in a phase 2 example", cy: "Llenwi enghraifft cam 2" },
  "load-example-3": { en: "Fill in a 2022 to 2025 example", cy: "Llenwi enghraifft 2022 i 2025" },
  "clear-all": { en: "Clear the form", cy: "Clirio’r ffurflen" },
  "claim-legend": { en: "The claim", cy: "Yr hawliad" },
  "members-legend": { en: "The household", cy: "Yr aelwyd" },
  "members-hint": {
    en: "Everyone in the household, numbered from 1 as the facts below refer to them (a case file, and the engine’s call, count them from 0: member 1 is index 0).",
    cy: "Pawb yn yr aelwyd, wedi’u rhifo o 1 fel y mae’r ffeithiau isod yn cyfeirio atynt (mae ffeil achos, a galwad yr injan, yn eu cyfrif o 0: aelod 1 yw mynegai 0).",
  },
  "add-member": { en: "Add another member", cy: "Ychwanegu aelod arall" },
  "facts-legend": { en: "What has happened", cy: "Beth sydd wedi digwydd" },
  "facts-hint": {
    en: "Offences, anti-social behaviour, exclusions, benefit claims, jobs and the problems the family has, each with its dates, before and since it was attached.",
    cy: "Troseddau, ymddygiad gwrthgymdeithasol, gwaharddiadau, hawliadau budd-dal, swyddi a’r problemau sydd gan y teulu, pob un gyda’i ddyddiadau, cyn ac ers i’r teulu gael ei atodi.",
  },
  "add-fact": { en: "Add another fact", cy: "Ychwanegu ffaith arall" },
  "school-legend": { en: "School terms and attendance", cy: "Tymhorau ysgol a phresenoldeb" },
  "school-hint": { en: "The terms, then each child’s sessions in each term.", cy: "Y tymhorau, yna sesiynau pob plentyn ym mhob tymor." },
  "add-term": { en: "Add another term", cy: "Ychwanegu tymor arall" },
  "add-attendance": { en: "Add another term’s attendance", cy: "Ychwanegu presenoldeb tymor arall" },
  "records-legend": { en: "What the key worker records", cy: "Beth mae’r gweithiwr allweddol yn ei gofnodi" },
  "records-hint": {
    en: "Phase 1: an adult volunteering for the Work Programme or attached to ESF provision. Phase 2: significant and sustained progress against a problem, under the council’s outcomes plan.",
    cy: "Cam 1: oedolyn yn gwirfoddoli ar gyfer y Rhaglen Waith neu wedi’i atodi i ddarpariaeth ESF. Cam 2: cynnydd sylweddol a pharhaus yn erbyn problem, o dan gynllun canlyniadau’r cyngor.",
  },
  "add-record": { en: "Add another record", cy: "Ychwanegu cofnod arall" },
  "outcomes-legend": { en: "The case closure and each need’s outcome", cy: "Cau’r achos a chanlyniad pob angen" },
  "outcomes-hint": {
    en: "Supporting Families 2022 to 2025: the day the case closed, then for each need the family had when it was attached, the day its positive outcome was met, the evidence, and the day it lapsed if it did not hold.",
    cy: "Teuluoedd Cefnogol 2022 i 2025: y diwrnod y caeodd yr achos, yna ar gyfer pob angen oedd gan y teulu pan gafodd ei atodi, y diwrnod y cafodd ei ganlyniad cadarnhaol ei fodloni, y dystiolaeth, a’r diwrnod y daeth i ben os na pharhaodd.",
  },
  "add-outcome": { en: "Add another need’s outcome", cy: "Ychwanegu canlyniad angen arall" },
  "audit-heading": { en: "The audit check-list", cy: "Rhestr wirio’r archwiliad" },
  "audit-intro": {
    en: "What an internal auditor checks and signs before the claim is submitted: each date, each need or result with its evidence, and the rule pack’s parameters with their sources. Print it, or download it as a spreadsheet (CSV).",
    cy: "Yr hyn y mae archwilydd mewnol yn ei wirio a’i lofnodi cyn cyflwyno’r hawliad: pob dyddiad, pob angen neu ganlyniad gyda’i dystiolaeth, a pharamedrau’r pecyn rheolau gyda’u ffynonellau. Argraffwch hi, neu ei lawrlwytho fel taenlen (CSV).",
  },
  "audit-print": { en: "Print the check-list", cy: "Argraffu’r rhestr wirio" },
  "audit-download": { en: "Download the check-list (CSV)", cy: "Lawrlwytho’r rhestr wirio (CSV)" },
  "audit-empty": { en: "The check-list appears here with the claim.", cy: "Bydd y rhestr wirio’n ymddangos yma gyda’r hawliad." },
  "summary-heading": { en: "The claim", cy: "Yr hawliad" },
  "summary-empty": { en: "Fill in the form, or an example, to see the claim.", cy: "Llenwch y ffurflen, neu enghraifft, i weld yr hawliad." },
  "results-heading": { en: "Each result, its evidence and its date", cy: "Pob canlyniad, ei dystiolaeth a’i ddyddiad" },
  "results-empty": { en: "The results appear here.", cy: "Bydd y canlyniadau’n ymddangos yma." },
  "footer-text": {
    en: "Calculations run on this device; claim rates and tests from the dated rule packs tf-2012 to ff-2025.",
    cy: "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon; daw cyfraddau a phrofion yr hawliad o’r pecynnau rheolau dyddiedig tf-2012 i ff-2025.",
  },
};

// What the page builds: the form's labels, the status lines and the results' sentences.
export const SAY = {
  ready: {
    en: "Ready: the claim is worked out in this browser as you type, from the dated rule packs tf-2012 to ff-2025.",
    cy: "Yn barod: caiff yr hawliad ei gyfrifo yn y porwr hwn wrth i chi deipio, o’r pecynnau rheolau dyddiedig tf-2012 i ff-2025.",
  },
  failed: { en: "The claim checker could not start: ", cy: "Ni allai’r gwiriwr hawliadau ddechrau: " },
  "fact.offence": { en: "Proven offence", cy: "Trosedd a brofwyd" },
  "fact.asb": { en: "Anti-social behaviour intervention", cy: "Ymyriad ymddygiad gwrthgymdeithasol" },
  "fact.exclusion": { en: "School exclusion", cy: "Gwaharddiad o’r ysgol" },
  "fact.benefit": { en: "Out-of-work benefit claim", cy: "Hawliad budd-dal di-waith" },
  "fact.job": { en: "Job", cy: "Swydd" },
  "fact.flag": { en: "A problem (no date)", cy: "Problem (dim dyddiad)" },
  "fact.domesticAbuse": { en: "Domestic abuse incident at the home", cy: "Digwyddiad cam-drin domestig yn y cartref" },
  "problem.crime-asb": { en: "Crime and anti-social behaviour", cy: "Troseddu ac ymddygiad gwrthgymdeithasol" },
  "problem.education": { en: "Education", cy: "Addysg" },
  "problem.work": { en: "Work", cy: "Gwaith" },
  "problem.school": { en: "School attendance", cy: "Presenoldeb yn yr ysgol" },
  "problem.children-need-help": { en: "Children who need help", cy: "Plant sydd angen help" },
  "problem.worklessness": { en: "Worklessness and financial exclusion", cy: "Diweithdra ac allgáu ariannol" },
  "problem.domestic-abuse": { en: "Domestic violence and abuse", cy: "Trais a cham-drin domestig" },
  "problem.health": { en: "Health", cy: "Iechyd" },
  "check.met": { en: "Met", cy: "Wedi’i fodloni" },
  "check.notMet": { en: "Not met", cy: "Heb ei fodloni" },
  "check.notRelevant": { en: "Not tested", cy: "Heb ei brofi" },
  "check.notYet": { en: "Not yet", cy: "Ddim eto" },
  "check.missingEvidence": { en: "Evidence missing", cy: "Tystiolaeth ar goll" },
  "status.automatic": { en: "automatic", cy: "awtomatig" },
  "status.discretionary": { en: "discretionary", cy: "yn ôl disgresiwn" },
  "status.eligible": { en: "eligible", cy: "cymwys" },
  "status.notEligible": { en: "not eligible", cy: "ddim yn gymwys" },
  member: { en: "member", cy: "aelod" },
  household: { en: "The household", cy: "Yr aelwyd" },
  rules: { en: "Rules", cy: "Rheolau" },
  "pack.tf-2012": { en: "Phase 1 (2012 to 2015): tf-2012", cy: "Cam 1 (2012 i 2015): tf-2012" },
  "pack.tf-2015": { en: "Phase 2 (2015 to 2020): tf-2015", cy: "Cam 2 (2015 i 2020): tf-2015" },
  "pack.sf-2020": { en: "Phase 2 rules (2020 to 2022): sf-2020", cy: "Rheolau cam 2 (2020 i 2022): sf-2020" },
  "pack.sf-2022": { en: "Supporting Families (2022 to 2025): sf-2022", cy: "Teuluoedd Cefnogol (2022 i 2025): sf-2022" },
  "pack.ff-2025": { en: "Families First (from April 2025): ff-2025", cy: "Teuluoedd yn Gyntaf (o Ebrill 2025): ff-2025" },
  packInForce: { en: "The rules in force on the attachment date: {pack}", cy: "Y rheolau mewn grym ar y dyddiad atodi: {pack}" },
  packInForceToday: { en: "The rules in force today (no attachment date yet): {pack}", cy: "Y rheolau mewn grym heddiw (dim dyddiad atodi eto): {pack}" },
  earnedAutonomy: { en: "Earned Autonomy area", cy: "Ardal Ymreolaeth a Enillwyd" },
  earnedAutonomyHint: {
    en: "The council has Earned Autonomy: all its funding up front, and no claims.",
    cy: "Mae gan y cyngor Ymreolaeth a Enillwyd: ei holl gyllid ymlaen llaw, a dim hawliadau.",
  },
  caseClosure: { en: "Case closed on", cy: "Achos wedi’i gau ar" },
  caseClosureHint: { en: "Each outcome must hold for the months the rule pack sets after this day.", cy: "Rhaid i bob canlyniad barhau am y misoedd a osodir gan y pecyn rheolau ar ôl y diwrnod hwn." },
  outcomeNeed: { en: "Outcome {n}: need", cy: "Canlyniad {n}: angen" },
  chooseNeed: { en: "Choose a need", cy: "Dewiswch angen" },
  noNeeds: { en: "No needs on the attachment date yet", cy: "Dim anghenion ar y dyddiad atodi eto" },
  outcomeRow: { en: "outcome", cy: "canlyniad" },
  lapsedOn: { en: "Lapsed on (if it did not hold)", cy: "Wedi dod i ben ar (os na pharhaodd)" },
  "check.notSustained": { en: "Not sustained", cy: "Heb ei gynnal" },
  noAttachmentFee: { en: "None under this scheme", cy: "Dim o dan y cynllun hwn" },
  caseClosed: { en: "Case closed", cy: "Achos wedi’i gau" },
  sustainedBy: { en: "Outcomes must hold until", cy: "Rhaid i’r canlyniadau barhau tan" },
  notRecorded: { en: "Not recorded yet", cy: "Heb ei gofnodi eto" },
  needsAt: { en: "{status}: {n} needs: ", cy: "{status}: {n} angen: " },
  dealScheme: { en: "Scheme", cy: "Cynllun" },
  "noClaims.resultsEnded": { en: "No results payments", cy: "Dim taliadau canlyniadau" },
  "noClaims.earnedAutonomy": { en: "No claims: Earned Autonomy", cy: "Dim hawliadau: Ymreolaeth a Enillwyd" },
  noClaimsWhy: { en: "Why, with the rule pack’s evidence tag and source", cy: "Pam, gyda thag tystiolaeth a ffynhonnell y pecyn rheolau" },
  announceNoClaims: { en: "{reason}: nothing is claimed for this family.", cy: "{reason}: ni hawlir dim ar gyfer y teulu hwn." },
  auditProgramme: { en: "Programme", cy: "Rhaglen" },
  auditDates: { en: "The dates", cy: "Y dyddiadau" },
  auditWhat: { en: "What happened", cy: "Beth ddigwyddodd" },
  auditItems: { en: "Each need or result, and its evidence", cy: "Pob angen neu ganlyniad, a’i dystiolaeth" },
  auditItem: { en: "Need or result", cy: "Angen neu ganlyniad" },
  auditWhere: { en: "Where it stands", cy: "Ble mae’n sefyll" },
  auditEvidence: { en: "Evidence, or what to record", cy: "Tystiolaeth, neu beth i’w gofnodi" },
  auditParameters: { en: "The rule pack’s parameters", cy: "Paramedrau’r pecyn rheolau" },
  auditTag: { en: "Evidence tag", cy: "Tag tystiolaeth" },
  auditChecks: { en: "The auditor confirms", cy: "Mae’r archwilydd yn cadarnhau" },
  auditSignOff: { en: "Signed off", cy: "Wedi’i gymeradwyo" },
  auditName: { en: "Name", cy: "Enw" },
  auditRole: { en: "Role", cy: "Rôl" },
  auditSignature: { en: "Signature", cy: "Llofnod" },
  auditSignedOn: { en: "Date", cy: "Dyddiad" },
  auditSaved: { en: "The check-list was downloaded as {file}.", cy: "Cafodd y rhestr wirio ei lawrlwytho fel {file}." },
  attached: { en: "Attached to the programme on", cy: "Wedi’i atodi i’r rhaglen ar" },
  claimDate: { en: "Claim checked on", cy: "Hawliad wedi’i wirio ar" },
  claimDateHint: { en: "The family record runs to this day.", cy: "Mae cofnod y teulu’n rhedeg hyd at y diwrnod hwn." },
  memberName: { en: "Member {n}: name", cy: "Aelod {n}: enw" },
  dateOfBirth: { en: "Date of birth", cy: "Dyddiad geni" },
  fact: { en: "Fact {n}", cy: "Ffaith {n}" },
  factRow: { en: "fact", cy: "ffaith" },
  who: { en: "Who", cy: "Pwy" },
  kind: { en: "Kind", cy: "Math" },
  from: { en: "From", cy: "O" },
  date: { en: "Date", cy: "Dyddiad" },
  to: { en: "To (if it has ended)", cy: "Hyd at (os yw wedi dod i ben)" },
  term: { en: "Term {n}", cy: "Tymor {n}" },
  termRow: { en: "term", cy: "tymor" },
  firstDay: { en: "First day", cy: "Diwrnod cyntaf" },
  lastDay: { en: "Last day", cy: "Diwrnod olaf" },
  attendance: { en: "Attendance {n}: child", cy: "Presenoldeb {n}: plentyn" },
  attendanceRow: { en: "attendance", cy: "presenoldeb" },
  attendanceTerm: { en: "Term", cy: "Tymor" },
  chooseTerm: { en: "Choose a term", cy: "Dewiswch dymor" },
  possible: { en: "Possible sessions", cy: "Sesiynau posibl" },
  authorised: { en: "Authorised absences", cy: "Absenoldebau awdurdodedig" },
  unauthorised: { en: "Unauthorised absences", cy: "Absenoldebau heb awdurdod" },
  progressAgainst: { en: "Record {n}: progress against", cy: "Cofnod {n}: cynnydd yn erbyn" },
  metOn: { en: "Met on", cy: "Wedi’i fodloni ar" },
  evidence: { en: "Evidence", cy: "Tystiolaeth" },
  progressToWork: { en: "Record {n}: progress to work", cy: "Cofnod {n}: cynnydd tuag at waith" },
  workProgramme: { en: "Volunteered for the Work Programme", cy: "Wedi gwirfoddoli ar gyfer y Rhaglen Waith" },
  esf: { en: "Attached to ESF provision", cy: "Wedi’i atodi i ddarpariaeth ESF" },
  on: { en: "On", cy: "Ar" },
  recordRow: { en: "record", cy: "cofnod" },
  addProgressToWork: { en: "Add progress to work", cy: "Ychwanegu cynnydd tuag at waith" },
  addProgress: { en: "Add progress against the outcomes plan", cy: "Ychwanegu cynnydd yn erbyn y cynllun canlyniadau" },
  broken: { en: "The claim checker could not read the form", cy: "Ni allai’r gwiriwr hawliadau ddarllen y ffurflen" },
  correct: { en: "Correct the problems shown to see the claim.", cy: "Cywirwch y problemau a ddangosir i weld yr hawliad." },
  announce: {
    en: "{total} can be claimed: attachment fee {attachment}, results payment {results}.",
    cy: "Gellir hawlio {total}: ffi atodi {attachment}, taliad canlyniadau {results}.",
  },
  paysWhenMet: { en: "Pays {amount} when met; nothing in this claim.", cy: "Yn talu {amount} pan gaiff ei fodloni; dim yn yr hawliad hwn." },
  pays: { en: "Pays {amount} in this claim.", cy: "Yn talu {amount} yn yr hawliad hwn." },
  earliest: { en: "Earliest date: {date}.", cy: "Dyddiad cynharaf: {date}." },
  missing: { en: "Evidence missing", cy: "Tystiolaeth ar goll" },
  partFrom: { en: " (from {date})", cy: " (o {date})" },
  canBeClaimed: { en: "Can be claimed", cy: "Gellir ei hawlio" },
  attachmentFee: { en: "Attachment fee", cy: "Ffi atodi" },
  amountFrom: { en: "{amount} from {date}", cy: "{amount} o {date}" },
  resultsPayment: { en: "Results payment", cy: "Taliad canlyniadau" },
  maximum: { en: "Family maximum", cy: "Uchafswm y teulu" },
  atAttachment: { en: "On the attachment date", cy: "Ar y dyddiad atodi" },
  deal: { en: "Deal", cy: "Cytundeb" },
  dealPhase1: { en: "Phase 1, programme year {year}", cy: "Cam 1, blwyddyn {year} y rhaglen" },
  dealPhase2: { en: "Phase 2", cy: "Cam 2" },
  parameters: { en: "The rates and tests used, and their sources", cy: "Y cyfraddau a’r profion a ddefnyddiwyd, a’u ffynonellau" },
  parametersCaption: { en: "From {pack}, in force on the attachment date", cy: "O {pack}, mewn grym ar y dyddiad atodi" },
  parameter: { en: "Parameter", cy: "Paramedr" },
  value: { en: "Value", cy: "Gwerth" },
  source: { en: "Source", cy: "Ffynhonnell" },
  rulePack: { en: "Rule pack", cy: "Pecyn rheolau" },
};
const say = wordsOf(SAY);

// What a fact can be (its name: SAY's "fact.KEY"), the kinds it takes (the
// package's words: `kind.K`, a problem `elig.flag.K`), and the list of the family record it goes to.
const FACTS = {
  offence: { list: "offences" },
  asb: {
    list: "asb",
    kinds: ["asbo", "asbInjunction", "acceptableBehaviourContract", "housingNoticeSeekingPossession", "housingInjunction",
      "demotionOrder", "asbEviction", "warningLetter", "other"],
  },
  exclusion: { list: "exclusions", kinds: ["fixedTerm", "permanent"] },
  benefit: {
    list: "benefits", spell: true,
    kinds: ["jsa", "esa", "incapacityBenefit", "incomeSupport", "carersAllowance", "severeDisablementAllowance", "universalCredit"],
  },
  job: { list: "employment", spell: true },
  flag: { flag: true, kinds: ["mentalHealth", "substanceMisuse", "newMother", "childInNeed", "childProtectionPlan", "notOnSchoolRoll"] },
  domesticAbuse: { household: true },
};
/** A fact's kinds as options, in the page's language. */
const kindOptions = (spec) => spec.kinds.map((k) => [k, t(pageLanguage(), spec.flag ? `elig.flag.${k}` : `kind.${k}`)]);

// The headline problems of each pack (their names: SAY's "problem.ID").
const PROBLEMS = {
  "tf-2012": ["crime-asb", "education", "work"],
  "tf-2015": ["crime-asb", "school", "children-need-help", "worklessness", "domestic-abuse", "health"],
  "sf-2020": ["crime-asb", "school", "children-need-help", "worklessness", "domestic-abuse", "health"],
  "sf-2022": [],
  "ff-2025": [],
};
// How each built-in pack pays (the answer's `scheme`): which records the form asks for.
const SCHEMES = {
  "tf-2012": "phase-1", "tf-2015": "phase-2", "sf-2020": "phase-2", "sf-2022": "sustained-outcomes", "ff-2025": "grant-only",
};
/** The built-in packs' dates (from the engine's rulePacks, at start). */
let PACK_DATES = [];

// Each check's tag colour (its words: SAY's "check.KEY").
const CHECKS = {
  met: "govuk-tag--green",
  notMet: "govuk-tag--red",
  notRelevant: "govuk-tag--grey",
  notYet: "govuk-tag--yellow",
  missingEvidence: "govuk-tag--orange",
};

const fact = (member, what, from, kind = "", to = "") => ({ member, what, kind, from, to });
const attendance = (member, term, possible, unauthorised) => ({ member, term, possible, authorised: "0", unauthorised });

// tests/fixtures/claims.json, phase1-year1-every-result: attached 2012-08-01, claim 2013-07-31, £4,000.
const EXAMPLE_1 = {
  pack: "tf-2012", attachmentDate: "2012-08-01", claimDate: "2013-07-31", localConcern: false, earnedAutonomy: false,
  members: [
    { name: "Mother", dateOfBirth: "1980-05-01" },
    { name: "Jordan", dateOfBirth: "1998-03-10" },
    { name: "Amy", dateOfBirth: "2003-03-15" },
  ],
  facts: [
    fact("0", "benefit", "2011-06-01", "jsa"),
    fact("0", "asb", "2012-05-12", "housingNoticeSeekingPossession"),
    fact("0", "asb", "2012-07-30", "warningLetter"),
    fact("0", "asb", "2013-06-01", "warningLetter"),
    fact("1", "offence", "2012-03-10"), fact("1", "offence", "2012-05-20"), fact("1", "offence", "2012-07-15"),
    fact("1", "offence", "2013-05-02"), fact("1", "offence", "2013-06-20"),
    fact("1", "asb", "2012-02-20", "acceptableBehaviourContract"),
    fact("1", "asb", "2012-04-10", "warningLetter"),
    fact("1", "asb", "2012-06-05", "asbInjunction"),
    fact("1", "asb", "2012-10-10", "warningLetter"),
    fact("1", "asb", "2013-03-14", "warningLetter"),
    fact("1", "exclusion", "2012-11-05", "fixedTerm"),
    fact("1", "exclusion", "2013-02-11", "fixedTerm"),
  ],
  terms: [
    { name: "Autumn 2011", start: "2011-09-05", end: "2011-12-20" },
    { name: "Spring 2012", start: "2012-01-04", end: "2012-03-30" },
    { name: "Summer 2012", start: "2012-04-16", end: "2012-07-20" },
    { name: "Autumn 2012", start: "2012-09-03", end: "2012-12-20" },
    { name: "Spring 2013", start: "2013-01-07", end: "2013-03-28" },
    { name: "Summer 2013", start: "2013-04-15", end: "2013-07-19" },
  ],
  attendance: [
    attendance("1", "Autumn 2012", "140", "14"), attendance("1", "Spring 2013", "120", "12"), attendance("1", "Summer 2013", "80", "8"),
    attendance("2", "Autumn 2011", "140", "25"), attendance("2", "Spring 2012", "120", "20"), attendance("2", "Summer 2012", "80", "15"),
    attendance("2", "Autumn 2012", "140", "10"), attendance("2", "Spring 2013", "120", "8"), attendance("2", "Summer 2013", "80", "6"),
  ],
  records: [{ type: "workProgramme", member: "0", problem: "", date: "2013-03-01", evidence: "" }],
};

// tests/fixtures/claims.json, phase2-employment-and-progress-one-payment: £1,800.
const EXAMPLE_2 = {
  pack: "tf-2015", attachmentDate: "2015-09-01", claimDate: "2016-06-30", localConcern: false, earnedAutonomy: false,
  members: [{ name: "Mother", dateOfBirth: "1985-02-14" }, { name: "Kai", dateOfBirth: "2010-09-01" }],
  facts: [
    fact("0", "flag", "", "mentalHealth"),
    fact("0", "benefit", "2014-01-01", "esa", "2015-12-31"),
    fact("0", "job", "2016-01-04"),
    fact("household", "domesticAbuse", "2015-05-10"),
  ],
  terms: [],
  attendance: [],
  records: [
    { type: "outcome", member: "", problem: "health", date: "2016-03-01", evidence: "GP review: depression managed, 6 months without crisis." },
    { type: "outcome", member: "", problem: "domestic-abuse", date: "2016-02-15", evidence: "No police call-outs for 9 months; MARAC case closed." },
    { type: "outcome", member: "", problem: "worklessness", date: "2016-04-10", evidence: "In work since 4 January (payslips)." },
  ],
};

// tests/fixtures/claims.json, sf2022-on-the-day-six-months-after-closure: £800 on 2024-03-15.
const EXAMPLE_3 = {
  pack: "", attachmentDate: "2023-01-16", claimDate: "2024-03-15", localConcern: false, earnedAutonomy: false,
  members: [{ name: "Mother", dateOfBirth: "1988-03-02" }, { name: "Kai", dateOfBirth: "2015-05-01" }],
  facts: [
    fact("0", "flag", "", "mentalHealth"),
    fact("0", "benefit", "2022-06-01", "esa", "2023-07-31"),
    fact("0", "job", "2023-08-01"),
    fact("household", "domesticAbuse", "2022-11-20"),
  ],
  terms: [],
  attendance: [],
  records: [],
  caseClosureDate: "2023-09-15",
  needOutcomes: [
    { need: "mental-health", date: "2023-07-01", evidence: "GP review: anxiety managed, no crisis since March", lapsedDate: "" },
    { need: "domestic-abuse", date: "2023-06-01", evidence: "No police call-outs since March; MARAC case closed", lapsedDate: "" },
    { need: "out-of-work-benefit", date: "2023-08-01", evidence: "In work from 1 August (payslips); ESA ended 31 July", lapsedDate: "" },
  ],
};

// An empty form takes the rules in force on the attachment date (pack "").
const EMPTY = {
  pack: "", attachmentDate: "", claimDate: "", localConcern: false, earnedAutonomy: false,
  members: [{ name: "", dateOfBirth: "" }],
  facts: [], terms: [], attendance: [], records: [],
  caseClosureDate: "", needOutcomes: [],
};

// What a case file or draft holds: the form as typed (members by their place in the list, from 0, as in the call).
// The Earned Autonomy option, the case closure and the needs' outcomes came
// with the 2022 framework: a file saved before has none, and opens as it was.
const SCHEMA = {
  pack: "text", attachmentDate: "text", claimDate: "text", localConcern: "bool", earnedAutonomy: "bool?", caseClosureDate: "text?",
  needOutcomes: maybe([{ need: "text", date: "text", evidence: "text", lapsedDate: "text" }]),
  members: [{ name: "text", dateOfBirth: "text" }],
  facts: [{ member: "text", what: "text", kind: "text", from: "text", to: "text" }],
  terms: [{ name: "text", start: "text", end: "text" }],
  attendance: [{ member: "text", term: "text", possible: "text", authorised: "text", unauthorised: "text" }],
  records: [{ type: "text", member: "text", problem: "text", date: "text", evidence: "text" }],
};

/** The path of a fact or record of a kind this page does not know, or null. */
function unknownKind(data) {
  const fact = data.facts.findIndex((f) => !Object.hasOwn(FACTS, f.what));
  if (fact >= 0) return `.facts[${fact}].what`;
  const record = data.records.findIndex((r) => !["workProgramme", "esf", "outcome"].includes(r.type));
  if (record >= 0) return `.records[${record}].type`;
  return data.pack === "" || Object.hasOwn(PROBLEMS, data.pack) ? null : ".pack";
}

let state = structuredClone(EMPTY);
let kept = { changed() {}, relabel() {} };
const hasWork = () => JSON.stringify(state) !== JSON.stringify(EMPTY);

// ------------------------------------------------------------------- form

function input(id, value, onInput, { width = "govuk-input--width-10", mode, type = "text" } = {}) {
  return el("input", {
    class: `govuk-input ${width}`, id, value, type, autocomplete: "off", spellcheck: "false", inputmode: mode,
    oninput: (e) => { onInput(e.target.value); recalculate(); },
  });
}

function select(id, value, options, onChange) {
  const node = el("select", { class: "govuk-select", id, onchange: (e) => { onChange(e.target.value); recalculate(); } });
  for (const [v, text] of options) node.append(el("option", { value: v, text }));
  node.value = value;
  return node;
}

// Members are numbered from 1 for the officer; each option's value is the
// member's place in the list from 0, as the engine's call counts them.
const memberOptions = (household) => [
  ...state.members.map((m, i) => [String(i), `${i + 1}: ${m.name || say("member")}`]),
  ...(household ? [["household", say("household")]] : []),
];

/** Today, `YYYY-MM-DD`. */
const today = () => new Date().toISOString().slice(0, 10);

/** The built-in pack in force on `day` (a `YYYY-MM-DD` date), or null. */
function packInForce(day) {
  const p = PACK_DATES.find((d) => d.validFrom <= day && (!d.validTo || day <= d.validTo));
  return p ? p.id : null;
}

/** The pack the claim is worked out with: the one chosen, else the one in force on the attachment date (today when none). */
function packOf() {
  if (state.pack) return state.pack;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(state.attachmentDate) ? state.attachmentDate : today();
  return packInForce(day) ?? packInForce(today()) ?? "ff-2025";
}

const packName = (id) => (Object.hasOwn(SAY, `pack.${id}`) ? say(`pack.${id}`) : id);

/** The first option's words: the pack in force, named. */
const inForceLabel = () => say(/^\d{4}-\d{2}-\d{2}$/.test(state.attachmentDate) ? "packInForce" : "packInForceToday", { pack: packOf() });

/** Which records the form asks for, by the pack's scheme: the phases' key worker records, or the 2022 framework's outcomes. */
let shownPack = null;
function showScheme() {
  const pack = packOf();
  if ($("pack")?.options[0]) $("pack").options[0].textContent = inForceLabel();
  if (pack === shownPack) return;
  shownPack = pack;
  const scheme = SCHEMES[pack];
  $("records-fieldset").hidden = scheme !== "phase-1" && scheme !== "phase-2";
  $("outcomes-fieldset").hidden = scheme !== "sustained-outcomes";
  renderRecords();
}

function renderClaim() {
  $("claim").replaceChildren(
    formGroup("pack", say("rules"), select("pack", state.pack,
      [["", inForceLabel()], ...Object.keys(SCHEMES).map((id) => [id, packName(id)])],
      (v) => { state.pack = v; showScheme(); })),
    el("div", { class: "cb-row" },
      formGroup("attachment-date", say("attached"), input("attachment-date", state.attachmentDate, (v) => { state.attachmentDate = v; }, { type: "date" })),
      formGroup("claim-date", say("claimDate"), input("claim-date", state.claimDate, (v) => { state.claimDate = v; }, { type: "date" }),
        { hint: say("claimDateHint") })),
    el("div", { class: "govuk-form-group" }, el("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
      el("div", { class: "govuk-checkboxes__item" },
        el("input", { class: "govuk-checkboxes__input", id: "earned-autonomy", type: "checkbox", checked: state.earnedAutonomy,
          "aria-describedby": "earned-autonomy-hint", onchange: (e) => { state.earnedAutonomy = e.target.checked; recalculate(); } }),
        el("label", { class: "govuk-label govuk-checkboxes__label", for: "earned-autonomy", text: say("earnedAutonomy") }),
        el("div", { class: "govuk-hint govuk-checkboxes__hint", id: "earned-autonomy-hint", text: say("earnedAutonomyHint") })))),
  );
}

/** The needs met on the attachment date, from the last answer: `[id, title]` (the pack's titles, English). */
let needsAtAttachment = [];

function renderOutcomes(focusIndex) {
  $("closure").replaceChildren(formGroup("case-closure-date", say("caseClosure"),
    input("case-closure-date", state.caseClosureDate, (v) => { state.caseClosureDate = v; }, { type: "date" }), { hint: say("caseClosureHint") }));
  rows("outcomes", state.needOutcomes, (o, i) => {
    const known = needsAtAttachment.some(([id]) => id === o.need);
    const options = [
      ["", say(needsAtAttachment.length ? "chooseNeed" : "noNeeds")],
      ...needsAtAttachment,
      ...(o.need && !known ? [[o.need, o.need]] : []),
    ];
    const need = select(`outcome-${i}-need`, o.need, options, (v) => { o.need = v; });
    for (const option of need.options) if (option.value) option.lang = "en-GB";
    return [
      formGroup(`outcome-${i}-need`, say("outcomeNeed", { n: i + 1 }), need),
      formGroup(`outcome-${i}-date`, say("metOn"), input(`outcome-${i}-date`, o.date, (v) => { o.date = v; }, { type: "date" })),
      formGroup(`outcome-${i}-evidence`, say("evidence"), input(`outcome-${i}-evidence`, o.evidence, (v) => { o.evidence = v; }, { width: "govuk-input--width-20" })),
      formGroup(`outcome-${i}-lapsedDate`, say("lapsedOn"), input(`outcome-${i}-lapsedDate`, o.lapsedDate, (v) => { o.lapsedDate = v; }, { type: "date" })),
    ];
  }, say("outcomeRow"), focusIndex);
}

/** The rows of a list; removing one redraws the form and recalculates. */
function rows(container, list, make, label, focusIndex) {
  rowList(container, list, make, label, focusIndex, () => { renderAll(); recalculate(); });
}

function renderMembers(focusIndex) {
  rows("members", state.members, (m, i) => [
    formGroup(`member-${i}-name`, say("memberName", { n: i + 1 }), input(`member-${i}-name`, m.name, (v) => { m.name = v; renderFacts(); renderAttendance(); renderRecords(); })),
    formGroup(`member-${i}-dateOfBirth`, say("dateOfBirth"), input(`member-${i}-dateOfBirth`, m.dateOfBirth, (v) => { m.dateOfBirth = v; }, { type: "date" })),
  ], say("member"), focusIndex);
}

function renderFacts(focusIndex) {
  rows("facts", state.facts, (f, i) => {
    const spec = FACTS[f.what];
    return [
      formGroup(`fact-${i}-what`, say("fact", { n: i + 1 }), select(`fact-${i}-what`, f.what, Object.keys(FACTS).map((k) => [k, say(`fact.${k}`)]),
        (v) => { f.what = v; f.kind = FACTS[v].kinds?.[0] ?? ""; if (FACTS[v].household) f.member = "household"; else if (f.member === "household") f.member = "0"; renderFacts(); })),
      formGroup(`fact-${i}-member`, say("who"), select(`fact-${i}-member`, f.member, memberOptions(spec.household), (v) => { f.member = v; })),
      spec.kinds ? formGroup(`fact-${i}-kind`, say("kind"), select(`fact-${i}-kind`, f.kind, kindOptions(spec), (v) => { f.kind = v; })) : null,
      spec.flag ? null : formGroup(`fact-${i}-from`, say(spec.spell ? "from" : "date"), input(`fact-${i}-from`, f.from, (v) => { f.from = v; }, { type: "date" })),
      spec.spell ? formGroup(`fact-${i}-to`, say("to"), input(`fact-${i}-to`, f.to, (v) => { f.to = v; }, { type: "date" })) : null,
    ];
  }, say("factRow"), focusIndex);
}

function renderTerms(focusIndex) {
  rows("terms", state.terms, (t, i) => [
    formGroup(`term-${i}-name`, say("term", { n: i + 1 }), input(`term-${i}-name`, t.name, (v) => { t.name = v; renderAttendance(); })),
    formGroup(`term-${i}-start`, say("firstDay"), input(`term-${i}-start`, t.start, (v) => { t.start = v; }, { type: "date" })),
    formGroup(`term-${i}-end`, say("lastDay"), input(`term-${i}-end`, t.end, (v) => { t.end = v; }, { type: "date" })),
  ], say("termRow"), focusIndex);
}

function renderAttendance(focusIndex) {
  const count = (a, i, key, label) => formGroup(`attendance-${i}-${key}`, label, input(`attendance-${i}-${key}`, a[key], (v) => { a[key] = v; }, { width: "govuk-input--width-3", mode: "numeric" }));
  rows("attendance", state.attendance, (a, i) => [
    formGroup(`attendance-${i}-member`, say("attendance", { n: i + 1 }), select(`attendance-${i}-member`, a.member, memberOptions(false), (v) => { a.member = v; })),
    formGroup(`attendance-${i}-term`, say("attendanceTerm"), select(`attendance-${i}-term`, a.term,
      [["", say("chooseTerm")], ...state.terms.filter((t) => t.name.trim()).map((t) => [t.name, t.name])], (v) => { a.term = v; })),
    count(a, i, "possible", say("possible")),
    count(a, i, "authorised", say("authorised")),
    count(a, i, "unauthorised", say("unauthorised")),
  ], say("attendanceRow"), focusIndex);
}

function renderRecords(focusIndex) {
  const phase1 = SCHEMES[packOf()] === "phase-1";
  rows("records", state.records, (r, i) => (r.type === "outcome"
    ? [
      formGroup(`record-${i}-problem`, say("progressAgainst", { n: i + 1 }), select(`record-${i}-problem`, r.problem,
        (PROBLEMS[packOf()] ?? []).map((id) => [id, say(`problem.${id}`)]), (v) => { r.problem = v; })),
      formGroup(`record-${i}-date`, say("metOn"), input(`record-${i}-date`, r.date, (v) => { r.date = v; }, { type: "date" })),
      formGroup(`record-${i}-evidence`, say("evidence"), input(`record-${i}-evidence`, r.evidence, (v) => { r.evidence = v; }, { width: "govuk-input--width-20" })),
    ]
    : [
      formGroup(`record-${i}-type`, say("progressToWork", { n: i + 1 }), select(`record-${i}-type`, r.type,
        [["workProgramme", say("workProgramme")], ["esf", say("esf")]], (v) => { r.type = v; })),
      formGroup(`record-${i}-member`, say("who"), select(`record-${i}-member`, r.member, memberOptions(false), (v) => { r.member = v; })),
      formGroup(`record-${i}-date`, say("on"), input(`record-${i}-date`, r.date, (v) => { r.date = v; }, { type: "date" })),
    ]), say("recordRow"), focusIndex);
  $("add-record").textContent = say(phase1 ? "addProgressToWork" : "addProgress");
}

function renderAll() {
  renderClaim();
  renderMembers();
  renderFacts();
  renderTerms();
  renderAttendance();
  renderRecords();
  renderOutcomes();
  shownPack = null;
  showScheme();
}

// ------------------------------------------------------------ calculating

/** The call, and which form row each list entry of the call came from. */
function buildCall() {
  const members = state.members.map((m) => ({
    name: m.name, dateOfBirth: m.dateOfBirth, offences: [], asb: [], exclusions: [], attendance: [], benefits: [], employment: [],
  }));
  const places = { facts: {}, domesticAbuse: [], attendance: {}, ptw: [], plan: [] };
  const domesticAbuse = [];
  state.facts.forEach((f, i) => {
    const spec = FACTS[f.what];
    if (spec.household) {
      domesticAbuse.push({ date: f.from });
      places.domesticAbuse.push(i);
      return;
    }
    const m = members[Number(f.member)];
    if (!m) return;
    if (spec.flag) {
      m[f.kind] = true;
      (places.facts[`${f.member}.${f.kind}`] ??= []).push(i);
      return;
    }
    const entry = spec.spell ? { from: f.from, ...(f.to ? { to: f.to } : {}) } : { date: f.from };
    if (spec.kinds) entry.kind = f.kind;
    m[spec.list].push(entry);
    (places.facts[`${f.member}.${spec.list}`] ??= []).push(i);
  });
  state.attendance.forEach((a, i) => {
    const m = members[Number(a.member)];
    if (!m) return;
    m.attendance.push({ term: a.term, possibleSessions: a.possible, authorisedAbsent: a.authorised, unauthorisedAbsent: a.unauthorised });
    (places.attendance[a.member] ??= []).push(i);
  });
  const pack = packOf();
  const scheme = SCHEMES[pack];
  const claim = {
    family: {
      rulePack: pack, assessmentDate: state.claimDate, localConcern: state.localConcern,
      schoolTerms: state.terms, domesticAbuse, members,
    },
    attachmentDate: state.attachmentDate,
  };
  const progressToWork = [];
  const outcomesPlan = [];
  state.records.forEach((r, i) => {
    if (r.type === "outcome") {
      outcomesPlan.push({ problem: r.problem, date: r.date, evidence: r.evidence });
      places.plan.push(i);
    } else {
      progressToWork.push({ member: r.member === "" ? "" : Number(r.member), date: r.date, kind: r.type });
      places.ptw.push(i);
    }
  });
  // Each scheme's own records: the phases' key worker records, the 2022 framework's closure and outcomes.
  if (scheme === "phase-1" || scheme === "phase-2") {
    if (progressToWork.length) claim.progressToWork = progressToWork;
    if (outcomesPlan.length) claim.outcomesPlan = outcomesPlan;
  }
  if (scheme === "sustained-outcomes") {
    if (state.caseClosureDate) claim.caseClosureDate = state.caseClosureDate;
    if (state.needOutcomes.length) {
      claim.needOutcomes = state.needOutcomes.map((o) => ({
        need: o.need, date: o.date, evidence: o.evidence, ...(o.lapsedDate ? { lapsedDate: o.lapsedDate } : {}),
      }));
    }
  }
  const call = { claims: [claim] };
  if (state.earnedAutonomy) call.council = { earnedAutonomy: true };
  return { call, places };
}

const FACT_FIELDS = { date: "from", from: "from", to: "to", kind: "kind" };
const ATTENDANCE_FIELDS = { term: "term", possibleSessions: "possible", authorisedAbsent: "authorised", unauthorisedAbsent: "unauthorised" };

/** The id of the input an error path points at. */
function fieldFor(path, places) {
  const p = (path ?? "").replace(/^claims\[0\]\./, "");
  let m = /^family\.members\[(\d+)\]\.attendance\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `attendance-${places.attendance[m[1]]?.[Number(m[2])] ?? 0}-${ATTENDANCE_FIELDS[m[3]] ?? "term"}`;
  m = /^family\.members\[(\d+)\]\.(\w+)\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `fact-${places.facts[`${m[1]}.${m[2]}`]?.[Number(m[3])] ?? 0}-${FACT_FIELDS[m[4]] ?? "what"}`;
  m = /^family\.members\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `member-${m[1]}-${m[2] === "name" ? "name" : "dateOfBirth"}`;
  m = /^family\.schoolTerms\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `term-${m[1]}-${m[2]}`;
  m = /^family\.domesticAbuse\[(\d+)\]/.exec(p);
  if (m) return `fact-${places.domesticAbuse[Number(m[1])] ?? 0}-from`;
  m = /^progressToWork\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `record-${places.ptw[Number(m[1])] ?? 0}-${m[2] === "kind" ? "type" : m[2]}`;
  m = /^outcomesPlan\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `record-${places.plan[Number(m[1])] ?? 0}-${m[2]}`;
  m = /^needOutcomes\[(\d+)\]\.?(\w*)/.exec(p);
  if (m) return `outcome-${m[1]}-${["need", "date", "evidence", "lapsedDate"].includes(m[2]) ? m[2] : "need"}`;
  if (p.startsWith("caseClosureDate")) return "case-closure-date";
  if (p.startsWith("council")) return "earned-autonomy";
  if (p.startsWith("family.assessmentDate")) return "claim-date";
  if (p.startsWith("family.rulePack")) return "pack";
  if (p.startsWith("family.members")) return "member-0-name";
  return "attachment-date";
}

function recalculate() {
  showScheme();
  const { call, places } = buildCall();
  kept.changed();
  audited = null;
  $("main-content").classList.remove("cb-has-audit");
  $("audit-print").disabled = true;
  $("audit-download").disabled = true;
  $("audit").replaceChildren(el("p", { class: "govuk-body", text: WORDS["audit-empty"][pageLanguage()] }));
  const answer = answerOf({
    empty: JSON.stringify(state) === JSON.stringify(EMPTY),
    placeholders: [WORDS["summary-empty"][pageLanguage()], WORDS["results-empty"][pageLanguage()]],
    compute: () => claimPayment(call),
    broken: say("broken"),
    idFor: (path) => fieldFor(path, places),
    correct: say("correct"),
  });
  if (!answer) return;
  const c = answer.claims[0];
  // The needs the 2022 framework's outcomes are chosen from: the family's on the attachment date.
  const needs = c.needsAtAttachment.map((n) => [n.id, n.title]);
  if (JSON.stringify(needs) !== JSON.stringify(needsAtAttachment)) {
    needsAtAttachment = needs;
    if (!$("outcomes").contains(document.activeElement)) renderOutcomes();
  }
  render(answer);
  renderAudit(c);
  // In English the engine's own summary; in Welsh the page's, from the same figures.
  if (pageLanguage() === "en") announce(c.summary);
  else if (c.noClaims) announce(say("announceNoClaims", { reason: say(`noClaims.${c.noClaims.code}`) }));
  else {
    announce(say("announce", {
      total: formatMoney(c.total), attachment: formatMoney(c.attachmentClaimable), results: formatMoney(c.resultsClaimable),
    }));
  }
}

// -------------------------------------------------------------- rendering

/** A check's tag; under the 2022 framework a need not met is one whose outcome was not sustained. */
function tag(check, id, scheme) {
  const words = scheme === "sustained-outcomes" && check === "notMet" ? "notSustained" : check;
  return el("strong", { class: `govuk-tag ${CHECKS[check] ?? ""}`, id, text: Object.hasOwn(SAY, `check.${words}`) ? say(`check.${words}`) : check });
}

/** The engine's own words (English), marked so, in a page in either language. */
const english = (text, tagName = "span", attrs = {}) => el(tagName, { lang: "en-GB", ...attrs, text });

function summaryRow(key, value, id) {
  return el("div", { class: "govuk-summary-list__row" },
    el("dt", { class: "govuk-summary-list__key", text: key }),
    el("dd", { class: "govuk-summary-list__value", id }, value));
}

/** The engine's sentences under a heading of the page's. */
function lines(heading, list, id) {
  if (!list.length) return null;
  return el("div", {},
    el("p", { class: "govuk-body govuk-!-margin-bottom-1 govuk-!-font-weight-bold", text: heading }),
    el("ul", { class: "govuk-list govuk-list--bullet", id, lang: "en-GB" }, list.map((line) => el("li", { text: line }))));
}

function result(r, scheme, paying) {
  const money = r.amount === undefined || !paying ? null
    : el("p", { class: "govuk-body", id: `result-${r.id}-paid`,
      text: r.paid === "0.00" ? say("paysWhenMet", { amount: formatMoney(r.amount) }) : say("pays", { amount: formatMoney(r.paid) }) });
  return el("div", { class: "cb-criterion", id: `result-${r.id}` },
    el("h3", { class: "govuk-heading-s" }, english(r.title), " ", tag(r.check, `result-${r.id}-check`, scheme)),
    money,
    r.earliestDate ? el("p", { class: "govuk-body", text: say("earliest", { date: r.earliestDate }) }) : null,
    lines(say("evidence"), r.evidence),
    lines(say("missing"), r.missing, `result-${r.id}-missing`),
    r.parts.length ? el("ul", { class: "govuk-list" }, r.parts.map((p) => el("li", { class: "cb-indicator", id: `part-${p.id}` },
      el("p", { class: "govuk-body govuk-!-margin-bottom-1" }, english(p.title), " ", tag(p.check, `part-${p.id}-check`, scheme),
        p.earliestDate ? say("partFrom", { date: p.earliestDate }) : ""),
      el("ul", { class: "govuk-list govuk-list--bullet", lang: "en-GB" }, [...p.evidence, ...p.missing].map((line) => el("li", { text: line })))))) : null);
}

/** An amount and, if given, the date it can be claimed from. */
const fromDate = (amount, date) => (date ? say("amountFrom", { amount: formatMoney(amount), date }) : formatMoney(amount));

/** The family's status on the attachment date, in the page's words, and the problems it had (the rule pack's names, English). */
function attachmentStatus(c) {
  const status = Object.hasOwn(SAY, `status.${c.statusAtAttachment}`) ? say(`status.${c.statusAtAttachment}`) : c.statusAtAttachment;
  if (c.statusAtAttachment === "notEligible") return status;
  if (c.scheme === "sustained-outcomes" || c.scheme === "grant-only") {
    return [say("needsAt", { status, n: c.needsAtAttachment.length }), english(c.needsAtAttachment.map((p) => p.title).join(", "))];
  }
  return [`${status}: `, english(c.problemsAtAttachment.map((p) => p.title).join(", "))];
}

/** The deal, in the page's words for the phases and the engine's (English) for the schemes after. */
function deal(c) {
  if (c.phase === 1) return say("dealPhase1", { year: c.programmeYear });
  if (c.phase === 2) return say("dealPhase2");
  return english(c.schemeDescription);
}

/** The claim's figures; with no claims (results ended, Earned Autonomy) the reason instead of £0.00. */
function summary(c) {
  const closure = c.scheme === "sustained-outcomes" ? [
    summaryRow(say("caseClosed"), c.caseClosureDate ?? say("notRecorded"), "case-closure"),
    c.sustainedBy ? summaryRow(say("sustainedBy"), c.sustainedBy, "sustained-by") : null,
  ] : [];
  const rows = [
    summaryRow(say("atAttachment"), attachmentStatus(c), "attachment-status"),
    ...closure,
    summaryRow(c.phase ? say("deal") : say("dealScheme"), deal(c), "deal"),
  ];
  if (c.noClaims) {
    return [
      el("p", { class: "govuk-body" }, el("strong", { class: "govuk-!-font-size-36 cb-figure", id: "no-claims", text: say(`noClaims.${c.noClaims.code}`) })),
      el("p", { class: "govuk-body-s govuk-!-margin-bottom-1 govuk-!-font-weight-bold", text: say("noClaimsWhy") }),
      english(c.noClaims.message, "p", { class: "govuk-body-s", id: "no-claims-why" }),
      el("dl", { class: "govuk-summary-list" }, rows),
    ];
  }
  const fee = c.scheme === "sustained-outcomes" && c.attachmentFee === "0.00"
    ? say("noAttachmentFee") : fromDate(c.attachmentClaimable, c.earliest.attachment);
  return [
    el("p", { class: "govuk-body" }, say("canBeClaimed"),
      el("strong", { class: "govuk-!-font-size-36 cb-figure", id: "total", text: formatMoney(c.total) })),
    el("dl", { class: "govuk-summary-list" },
      summaryRow(say("attachmentFee"), fee, "attachment"),
      summaryRow(say("resultsPayment"), fromDate(c.resultsClaimable, c.earliest.results), "results-payment"),
      summaryRow(say("maximum"), formatMoney(c.maximum), "maximum"),
      rows),
    english(c.summary, "p", { class: "govuk-body-s", id: "claim-summary" }),
  ];
}

function render(answer) {
  const c = answer.claims[0];
  $("summary").replaceChildren(...summary(c));
  const notes = c.notes.length ? el("div", { class: "govuk-inset-text", id: "notes" }, c.notes.map((n) => english(n.message, "p", { class: "govuk-body" }))) : null;
  // The parameters' titles, units, evidence and sources are the rule pack's (English).
  const parameters = el("details", { class: "govuk-details" },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: say("parameters") })),
    el("div", { class: "govuk-details__text" }, table(
      "parameters",
      say("parametersCaption", { pack: c.pack.id }),
      [[say("parameter")], [say("value")], [say("evidence")], [say("source")]],
      c.parameters.map((p) => el("tr", { class: "govuk-table__row" },
        english(p.title, "th", { scope: "row", class: "govuk-table__header" }),
        p.unit === "pounds" || p.unit === "percent" || p.unit === "count"
          ? el("td", { class: "govuk-table__cell", text: p.unit === "pounds" ? formatMoney(p.value) : p.unit === "percent" ? `${p.value}%` : p.value })
          : english(`${p.value} ${p.unit}`, "td", { class: "govuk-table__cell" }),
        english(p.evidence, "td", { class: "govuk-table__cell" }),
        english(p.source, "td", { class: "govuk-table__cell cb-source" }))))));
  $("results").replaceChildren(...[
    notes,
    ...c.results.map((r) => result(r, c.scheme, !c.noClaims)),
    parameters,
    receiptDetails(answer.receipt, [[say("rulePack"), `${c.pack.id} (SHA-256 ${c.pack.sha256})`]]),
  ].filter(Boolean));
}

// ------------------------------------------------------------ audit trail

/** The claim whose check-list is shown (to download), or null. */
let audited = null;

/** The check-list an internal auditor signs: the programme and claim date, the dates, each item with its evidence, the parameters, the statements to tick and the sign-off lines. */
function renderAudit(c) {
  const a = c.audit;
  audited = c;
  $("main-content").classList.add("cb-has-audit");
  $("audit-print").disabled = false;
  $("audit-download").disabled = false;
  const cell = (text, attrs = {}) => el("td", { class: "govuk-table__cell", ...attrs, text });
  const tick = () => el("span", { class: "cb-audit__tick", "aria-hidden": "true" });
  $("audit").replaceChildren(
    el("dl", { class: "govuk-summary-list govuk-summary-list--no-border" },
      summaryRow(say("auditProgramme"), packName(c.pack.id), "audit-programme"),
      summaryRow(say("claimDate"), c.claimDate, "audit-date")),
    english(a.title, "h3", { class: "govuk-heading-s", id: "audit-title" }),
    english(a.summary, "p", { class: "govuk-body" }),
    table("audit-dates", say("auditDates"), [[say("date")], [say("auditWhat")]],
      a.dates.map((d) => el("tr", { class: "govuk-table__row" }, cell(d.date), english(d.label, "td", { class: "govuk-table__cell" })))),
    table("audit-items", say("auditItems"), [[say("auditItem")], [say("auditWhere")], [say("auditEvidence")]],
      a.items.map((item) => el("tr", { class: "govuk-table__row" },
        english(item.title, "th", { scope: "row", class: "govuk-table__header" }),
        el("td", { class: "govuk-table__cell" }, tag(item.check, undefined, c.scheme),
          item.earliestDate ? say("partFrom", { date: item.earliestDate }) : ""),
        el("td", { class: "govuk-table__cell" }, el("ul", { class: "govuk-list", lang: "en-GB" },
          [...item.evidence, ...item.missing].map((line) => el("li", { text: line }))))))),
    table("audit-parameters", say("auditParameters"), [[say("parameter")], [say("value")], [say("auditTag")], [say("source")]],
      a.parameters.map((p) => el("tr", { class: "govuk-table__row" },
        english(`${p.title} (${p.id})`, "th", { scope: "row", class: "govuk-table__header" }),
        english(`${p.value} ${p.unit}`, "td", { class: "govuk-table__cell" }),
        english(p.evidence, "td", { class: "govuk-table__cell" }),
        english(p.source, "td", { class: "govuk-table__cell cb-source" })))),
    el("h3", { class: "govuk-heading-s", text: say("auditChecks") }),
    el("ul", { class: "govuk-list cb-audit__checks", id: "audit-checks" },
      a.checks.map((line) => el("li", {}, tick(), english(line)))),
    el("h3", { class: "govuk-heading-s", text: say("auditSignOff") }),
    el("div", { class: "cb-audit__signoff", id: "audit-signoff" },
      ["auditName", "auditRole", "auditSignature", "auditSignedOn"].map((key) => [
        el("span", { class: "govuk-body govuk-!-margin-bottom-0", text: say(key) }), el("span", { class: "cb-audit__line" })])),
  );
}

/** The check-list as the engine wrote it (CSV), named by the claim date only: no name or case number leaves in a file name. */
function downloadAudit() {
  if (!audited) return;
  const file = `claim-audit-${audited.claimDate}.csv`;
  saveText(audited.audit.csv, file);
  announce(say("auditSaved", { file }));
}

// ---------------------------------------------------------------- start up

function load(next) {
  // A file saved before the 2022 framework has no closure, outcomes or Earned Autonomy: the empty form's.
  state = { ...structuredClone(EMPTY), ...structuredClone(next) };
  renderAll();
  recalculate();
}

async function main() {
  await init();
  const packs = rulePacks();
  PACK_DATES = packs.type === "success" ? packs.packs.map((p) => p.pack).filter((p) => Object.hasOwn(SCHEMES, p.id)) : [];
  $("footer-version").textContent = `community-budget ${version()}`;
  // Filling in an example or clearing the form replaces the officer's work only once they confirm.
  const replace = (id, action, run) => $(id).addEventListener("click", (e) => confirmThen(e.currentTarget, pageLanguage(), action, run, hasWork()));
  replace("load-example", "example", () => load(EXAMPLE_1));
  replace("load-example-2", "example", () => load(EXAMPLE_2));
  replace("load-example-3", "example", () => load(EXAMPLE_3));
  $("audit-print").addEventListener("click", () => window.print());
  $("audit-download").addEventListener("click", downloadAudit);
  $("add-outcome").addEventListener("click", () => {
    state.needOutcomes.push({ need: "", date: "", evidence: "", lapsedDate: "" });
    renderOutcomes(state.needOutcomes.length - 1);
  });
  replace("clear-all", "clear", () => { load(EMPTY); $("attachment-date").focus(); });
  $("add-member").addEventListener("click", () => { state.members.push({ name: "", dateOfBirth: "" }); renderMembers(state.members.length - 1); renderAll(); });
  $("add-fact").addEventListener("click", () => { state.facts.push(fact("0", "offence", "")); renderFacts(state.facts.length - 1); });
  $("add-term").addEventListener("click", () => { state.terms.push({ name: "", start: "", end: "" }); renderTerms(state.terms.length - 1); });
  $("add-attendance").addEventListener("click", () => { state.attendance.push(attendance("0", "", "", "")); renderAttendance(state.attendance.length - 1); });
  $("add-record").addEventListener("click", () => {
    state.records.push(SCHEMES[packOf()] === "phase-1"
      ? { type: "workProgramme", member: "0", problem: "", date: "", evidence: "" }
      : { type: "outcome", member: "", problem: PROBLEMS[packOf()]?.[0] ?? "", date: "", evidence: "" });
    renderRecords(state.records.length - 1);
  });
  $("claim-form").addEventListener("submit", (e) => e.preventDefault());
  followErrorLinks();
  load(EMPTY);
  kept = keepCase({ formId: "claim-form", kind: "claim", schema: SCHEMA, check: unknownKind, current: () => state, load,
    idFor: (path) => fieldFor(path, buildCall().places) });
  await kept.restore();
}

// The page in the language it opened in, then the engine; a switch writes the form and the results again.
startPage({ words: WORDS, ready: SAY.ready, failed: SAY.failed, start: main, redraw: () => {
    renderAll();
    kept.relabel();
    recalculate();
  } });
