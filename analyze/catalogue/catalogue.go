// Package catalogue is the data of the call analysis: the concepts (phrases
// people say, with their speech-to-text spellings) and the indicator rules
// (concepts in order, close together), each with a stable code, a stage of
// the scam playbook (docs/scam-playbook.md), a weight and a plain-English
// explanation. Rules describe scam BEHAVIOUR (asking for remote access,
// payment by gift card, secrecy), not the topics of any one data set.
//
// Package analyze compiles the catalogue once at load. Any change here
// changes the model's features: run `hangup train` afterwards.
package catalogue

import "github.com/hangup-org/hangup"

// Concept is one phrase concept: a name that rules refer to and the
// phrases people say for it. A phrase line is "Canon=phrase; phrase" or just
// "phrase; phrase": the canonical name ("AnyDesk") is what explanations
// quote. Within a phrase, words are separated by spaces, "a|b" offers
// alternatives for one slot, "_" joins words into one alternative
// ("connect_to"), a trailing "?" makes a slot optional, and "#num" matches
// any number. Phrases are normalised like the text (lower case,
// contractions expanded, numbers said as words turned into digits), so
// "don't" in a phrase meets "dont" and "do not" in a transcript.
type Concept struct {
	Name    string
	Phrases []string
}

// Side says whose words make a rule count fully.
type Side uint8

const (
	// SideAny: anyone saying it is evidence.
	SideAny Side = iota
	// SideCaller: a claim or request, at full weight from the caller and
	// half from the person called.
	SideCaller
)

// Rule is one indicator rule. Pattern is steps (concept names) with
// optional "~N" gaps (tokens allowed between steps, default 4); "||"
// separates alternative patterns; "A|B" in a step accepts either concept.
// A literal step may be written in square brackets: "[read|tell me]".
type Rule struct {
	Code     string            // stable: integrations and the model file refer to it
	Stage    hangup.Stage      // S0–S8 of the scam playbook, or G for genuine behaviour
	Weight   float64           // 0..1: how much the playbook says it counts
	Types    []hangup.ScamType // the scam types it votes for
	Side     Side
	Pattern  string
	Explain  string // plain English; {x} is the canonical name matched (a tool, a brand)
	OnNeg    string // the code a match negated by "never" becomes; "" drops it
	NoNeg    bool   // the pattern carries its own negation: never negate it
	Critical bool   // on its own, reason to warn during a live call
}

// RuleByCode returns the first rule with code.
func RuleByCode(code string) (Rule, bool) {
	for _, r := range Rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// Concepts lists every phrase concept. See Concept for the syntax.
var Concepts = []Concept{
	// --- remote access ---------------------------------------------------
	{"RTOOL", []string{
		"AnyDesk=anydesk; any desk; any desks; annie desk; any desc; anydisk; any disk; anydesk.com",
		"TeamViewer=teamviewer; team viewer; team viewers; teamview; teamviewer quicksupport; quicksupport; quick support",
		"UltraViewer=ultraviewer; ultra viewer; ultraview; ultra view",
		"Supremo=supremo; supremo remote",
		"LogMeIn Rescue=logmein rescue; log me in rescue; logmein #num; log me in #num; lmi rescue",
		"LogMeIn=logmein; log me in",
		"ScreenConnect=screenconnect; screen connect; connectwise; connect wise; connectwise control",
		"Quick Assist=quick assist; quickassist; microsoft quick assist; windows quick assist",
		"AnyViewer=anyviewer; any viewer",
		"RustDesk=rustdesk; rust desk",
		"Ammyy Admin=ammyy; ammyy admin; ammy admin; ammy",
		"AeroAdmin=aeroadmin; aero admin",
		"HopToDesk=hoptodesk; hop to desk",
		"Splashtop=splashtop; splash top",
		"Zoho Assist=zoho assist",
		"RemotePC=remotepc; remote pc app",
		"Chrome Remote Desktop=chrome remote desktop",
		"GoToAssist=gotoassist; go to assist; gotomypc; go to my pc",
		"BeyondTrust=bomgar; beyondtrust; beyond trust",
		"FastSupport=fastsupport; fast support dot com",
		"VNC=ultravnc; tightvnc; realvnc; vnc viewer; vnc",
		"Iperius Remote=iperius; iperius remote",
		"Getscreen=getscreen; getscreen.me",
		"NetSupport=netsupport; net support manager",
		"ShowMyPC=showmypc; show my pc",
		"DWService=dwservice",
		"SimpleHelp=simplehelp; simple help",
		"RemoteUtilities=remote utilities",
		"Atera=atera", "Action1=action1; action 1", "Splashtop SOS=splashtop sos",
	}},
	{"RACCESS", []string{
		"remote access; remotely access; remote control; remote desktop; remote support; remote session; remote connection",
		"remote into|onto your computer|pc|laptop|system|device|machine; remote in; connect remotely; access remotely; remotely connect",
		"access|connect_to|connect_into|get_into|log_into|control|take_over|see|look_at|view your? computer|pc|laptop|device|machine|system|screen|desktop",
		"screen share; screen sharing; share your screen; share the screen; take control; take over your",
		"let me in; give me access; grant me access; grant access; allow me access; allow access; allow the connection; accept the connection; accept the request",
		"support session; connection code",
	}},
	{"INSTALL", []string{
		"install; installs; installed; installing; reinstall; download; downloads; downloaded; downloading; run; launch; set up; setup",
		"get; open; opening; accept; allow; allowed; click; click on; clicked; tap; tap on; press; pressed; save; execute; put; put in; load; grab; install it; opened; ran; typed; typed in; went to",
	}},
	{"NAVIGATE", []string{
		"go to; goto; going to; visit; type; type in; typing; enter; navigate to; head to; head over to; pull up; bring up; search for",
		"google; look up; open up; browse to; log on to; log onto; open your browser; open the browser; in the address bar; in the search bar",
	}},
	{"WEBWORD", []string{
		"website; web site; site; webpage; web page; link; web address; url; browser; google chrome; chrome; internet explorer; microsoft edge; firefox; address bar; search bar",
	}},
	{"ASKYOU", []string{
		"i need you to; i want you to; i would like you to; i will need you to; i am going to need you to; we need you to; we want you to",
		"can you; could you; will you; would you; please; you need to; you have to; you must; you should; you will need to; go ahead and",
		"kindly; all you need to do is; what i need you to do is; i will ask you to; i will have you; let us; now; just; you can just",
		"told me to; asked me to; wanted me to; had me; made me; got me to; instructed me to; he said to; she said to; they said to; said i should; said i had to; said i needed to; said i must; i had to; i needed to; i was told to; told us to; asked us to; wanted us to; kept telling me to; insisted i; insisted that i; tried to get me to; he needed me to; she needed me to; they needed me to",
	}},
	{"READ", []string{
		"read; read out; read me; read it; read it to me; read them; tell me; give me; what is; what are; what does; what do you see; say; repeat; provide; share",
		"send me; text me; spell; spell out; confirm; verify; let me know; i need; we need; i will need; need; can i have; can i get; could i have; may i have",
		"type in; enter; what numbers; which numbers; call out; asked me to read; told me to read; had me read; wanted me to read; asked for; asked me for; wanted; i read; i read out; i gave him; i gave her; i gave them",
	}},
	{"CODE", []string{
		"code; codes; id; access code; session code; connection code; support code; verification code; pin code; passcode",
		"the numbers; those numbers; these numbers; the digits; digits; number on your|the screen; numbers on your|the screen; anydesk address; your anydesk address; your anydesk id; teamviewer id; your teamviewer id",
		"#num digit code|number|id|pin|numbers; #num digits; #num digit; id number; user id; your id",
	}},
	{"OTPCTX", []string{
		"sent; sent you; send you; we will send; we are going to send; going to send you; texted; text; text message; sms; we just sent; you just received; just received; received; you received; you will receive; you will get; got; you got; just got; when you get it",
		"your phone; your mobile; by text; on your phone; on your mobile; to your phone; to your mobile; to your email; by email",
	}},
	{"DETECT", []string{
		"we detected; we have detected; we noticed; we have noticed; we found; we have found; we are seeing; we see; our system detected; our systems detected; our system has detected",
		"we received a|an notification|alert|signal|report|message|warning; we got a|an report|alert|notification|warning; we are getting; we have been getting; we have been monitoring",
		"showing up on our; our server|servers|system|records show|shows|detected|picked_up; we picked up; we have been receiving; we are receiving; has been detected; have been detected; was detected",
	}},
	// --- authority ---------------------------------------------------------
	{"CLAIMFROM", []string{
		"calling from; calling you from; i am calling from; we are calling from; i am from; we are from; this is; here from; calling on behalf of; on behalf of",
		"i am with; we are with; i work for; i work with; i work at; representing; speaking from; i am a technician from; i am an engineer from; calling you on behalf of",
		"i am calling you from; my name is; calling from the; i represent; we represent; from the; from your",
		"said he was from; said she was from; said they were from; said he was with; said she was with; claimed to be from; claiming to be from; claimed to be; claiming to be; saying he was from; saying she was from; saying they were from; said it was; saying it was; pretending to be; who said he was; who said she was; called from; rang from; phoned from; said he worked for; said she worked for; posing as; supposedly from; allegedly from; said he is from; says he is from",
	}},
	{"TECHBRAND", []string{
		"Microsoft=microsoft; micro soft; msft; microsoft windows; microsoft corporation; microsoft office; office #num; microsoft #num",
		"Windows=windows; windows #num; windows computer",
		"Apple=apple support; apple care; applecare; apple id; apple technical; apple security; icloud; apple inc",
		"Google=google support; google security; gmail; google account",
		"Norton=norton; norton antivirus; norton lifelock; lifelock",
		"McAfee=mcafee; mc afee; mcafe; mac afee",
		"Avast=avast", "AVG=avg", "Kaspersky=kaspersky", "Geek Squad=geek squad; geeksquad; best buy geek squad",
		"Dell=dell; dell support", "HP=hp; hewlett packard; hp support", "Facebook=facebook; meta",
		"Outlook=outlook; hotmail", "Yahoo=yahoo",
	}},
	{"SERVICEBRAND", []string{
		"Amazon=amazon; amazon prime; prime membership; amazon security; amazon fraud; amazon customer service; amazon billing",
		"PayPal=paypal; pay pal", "Netflix=netflix", "eBay=ebay", "Apple=apple billing; itunes billing; app store billing",
	}},
	{"TECHDEPT", []string{
		"windows technical department; windows technical team; windows support team; windows service center; windows help desk",
		"technical department; technical support; tech support; technical team; tech team; technical services; technical support team; technical support department",
		"windows security team; microsoft security team; microsoft security department; microsoft help desk; windows help desk",
		"microsoft support; microsoft technical support; windows support; windows customer support; microsoft customer support; computer support department; pc support department",
		"certified technician; microsoft certified technician; microsoft certified; senior technician; senior technical; level #num technician; windows technician; microsoft technician; microsoft engineer",
		"network security; network security team; cyber security; cyber security team; cybersecurity; security center; windows security; windows defender; firewall department",
		"licensing department; license department; server department; service center; maintenance department; computer maintenance",
	}},
	{"ISP", []string{
		"internet provider; internet service provider; internet company; your isp; isp; broadband provider; broadband company; service provider; network provider; internet service",
		"phone company; telephone company; phone provider; telephone provider; line provider; your router provider",
		"BT=bt; british telecom; bt broadband; bt openreach; openreach",
		"Virgin Media=virgin media; virgin", "Sky=sky broadband; sky", "TalkTalk=talktalk; talk talk", "Plusnet=plusnet; plus net",
		"Comcast=comcast; xfinity", "AT&T=at&t; at and t; att", "Verizon=verizon", "Spectrum=spectrum", "Cox=cox communications", "CenturyLink=centurylink; century link",
		"Vodafone=vodafone", "O2=o2", "Telstra=telstra", "Optus=optus", "Rogers=rogers", "Bell=bell canada",
	}},
	{"REPORTWORD", []string{
		"report; reports; reported; notification; notifications; notified; alert; alerts; alerted; complaint; complaints; warning; warnings",
		"flagged; heard from; message from; information from; call from; signal from; got word from",
	}},
	{"REPORTVERB", []string{
		"reported; has reported; have reported; informed us; has informed us; notified us; told us; contacted us; flagged; has flagged; alerted us; sent us; forwarded; passed on; asked us to",
	}},
	{"BANKORG", []string{
		"Your bank=your bank; the bank; your bank's; your building society; your card provider; card services; card issuer; your credit card company",
		"Barclays=barclays", "HSBC=hsbc", "Lloyds=lloyds; lloyds bank", "NatWest=natwest; nat west", "Santander=santander", "Halifax=halifax",
		"Nationwide=nationwide", "Monzo=monzo", "Starling=starling", "TSB=tsb", "RBS=rbs; royal bank of scotland", "Metro Bank=metro bank",
		"First Direct=first direct", "Chase=chase; chase bank; jp morgan", "Bank of America=bank of america", "Wells Fargo=wells fargo", "Citibank=citi; citibank",
		"Capital One=capital one", "PNC=pnc", "TD Bank=td bank", "Visa=visa", "Mastercard=mastercard; master card", "American Express=american express; amex",
		"Revolut=revolut", "Commonwealth Bank=commonwealth bank", "Westpac=westpac", "ANZ=anz",
	}},
	{"FRAUDDEPT", []string{
		"fraud department; fraud team; fraud prevention; fraud prevention team; fraud prevention department; fraud investigation; fraud investigations; fraud investigator; fraud investigation team",
		"fraud unit; fraud squad; fraud office; fraud desk; anti fraud; anti fraud team; financial crime; financial crimes; financial crimes unit; fraud and security; fraud protection",
		"card security; bank security; security department; fraud section; fraud control; fraud detection; fraud detection team; fraud services",
	}},
	{"GOVORG", []string{
		"HMRC=hmrc; her majesty's revenue; his majesty's revenue; revenue and customs; inland revenue; tax office; tax department; tax authority; tax authorities",
		"IRS=irs; internal revenue service; internal revenue; treasury department; us treasury",
		"Social Security Administration=social security administration; ssa; social security office; department of social security; social security department",
		"DWP=dwp; department for work and pensions",
		"Police=police; metropolitan police; met police; scotland yard; police department; police station; local police",
		"FBI=fbi; federal bureau of investigation; federal bureau",
		"Home Office=home office; immigration; immigration department; uscis; border agency; border force; customs and border",
		"Department of Justice=department of justice; doj; us marshals; marshals service; marshal; sheriff; sheriff's office; dea; drug enforcement",
		"Court=court; crown court; magistrates court; federal court; high court; the courts",
		"Federal Reserve=federal reserve; bank of england; federal trade commission; ftc; national crime agency; nca; action fraud; financial conduct authority; fca",
		"Government=the government; government; government department; legal department; medicare; national insurance office; customs",
	}},
	{"OFFICER", []string{
		"officer; detective; sergeant; inspector; constable; special agent; federal agent; investigator; agent #num; badge number; badge id; my badge; case officer; case number",
	}},
	// --- the victim's device and accounts -----------------------------------
	{"MYDEVICE", []string{
		"your computer; your computers; your pc; your laptop; your device; your devices; your system; your machine; your windows; your windows computer; your computer system",
		"your ip; your ip address; ip address; your internet; your internet connection; your network; your router; your connection; your wifi; your wi fi; your broadband",
		"your email; your email account; your microsoft account; your apple id; your icloud; your operating system; your files; your mac; your macbook; your iphone; your phone; your computer is; your computer has; the computer; your screen",
		"my computer; my laptop; my pc; my screen; my device",
	}},
	{"INFECTED", []string{
		"virus; viruses; infected; infection; infections; malware; spyware; trojan; trojans; hacked; hacking; hackers; hacker; compromised; corrupted; corrupt; crashing",
		"sending errors; sending us errors; sending error messages; error messages; errors; error reports; breach; breached; security breach; malicious; at risk; under attack; attacked",
		"being used by hackers; used by hackers; not secure; unsafe; blacklisted; illegal activity; illegal activities; suspicious activity; suspicious activities; problem; problems; issue; issues",
	}},
	{"HACKERS", []string{
		"hackers; hacker; cyber criminals; cybercriminals; criminals; someone; somebody; scammers; bad guys; foreign hackers; russian hackers; chinese hackers",
	}},
	{"INSIDE", []string{
		"in your computer; inside your computer; accessing your; have access; has access; are accessing; is accessing; are in; stealing your; trying to access; trying to get into; have got into",
		"got into; broke into; broken into; taken over; took over; are using your; is using your; controlling; have control; has control; have your; got your; hacked into; are watching",
	}},
	{"DIAGTOOL", []string{
		"event viewer; eventvwr; event vwr; eventviewer; netstat; net stat; foreign address; foreign addresses; msconfig; ms config; system configuration; stopped services",
		"tree command; type tree; dir /s; assoc; prefetch; temp files folder; %temp%; system32; system #num; inf folder; cmd; command prompt; run box; run command; run window; run dialog",
		"errors and warnings; red errors; yellow warnings; red x; red crosses; warning signs; critical errors; errors on your computer; services tab; local services",
	}},
	{"WINKEY", []string{
		"windows key; windows button; windows logo key; windows logo; windows flag; start button; the key with the windows; flag key",
	}},
	{"EXPIRABLE", []string{
		"license; windows license; digital license; warranty; firewall; security; subscription; antivirus; anti virus; protection; certificate; security certificate; support; network protection; licence key; product key",
	}},
	{"EXPIRED", []string{
		"expired; has expired; is expired; have expired; had expired; out of date; run out; ran out; no longer valid; is not valid; invalid; lapsed; has lapsed; stopped working; not working; deactivated; is deactivated",
	}},
	// --- fear, secrecy, urgency ---------------------------------------------
	{"DONOT", []string{"do not; never; must not; should not; can not; cannot; will not; better not; not to; told me not to; asked me not to; begged me not to"}},
	{"TURNOFF", []string{"turn off; switch off; shut down; shut off; shutdown; close; restart; reboot; unplug; disconnect; touch; power off; turn it off; switch it off"}},
	{"THEMACHINE", []string{"computer; pc; laptop; machine; screen; device; system; router; it; the power; the internet; the connection"}},
	{"HANGUP", []string{
		"do not hang up; do not put the phone down; do not put down the phone; do not end the call; do not disconnect the call; do not disconnect; do not leave the phone",
		"never hang up; do not cut the call; keep me on the line; keep the line open; stay on the line with me; if you hang up; if you disconnect; if you end this call; if the call drops",
		"keep me on the phone; put me on speaker; take the phone with you; keep the phone with you; stay on the phone while you; do not put me on hold; keep the call going",
	}},
	{"TELLVERB", []string{"tell; inform; speak to; talk to; mention; discuss; contact; call; let; notify; alert; involve; go to; say anything to; say anything"}},
	{"TELLWHO", []string{
		"bank; banks; your bank; bank staff; anyone at the bank; the cashier; cashier; teller; the teller; branch; branch staff; police; family; your family; son; daughter; wife; husband",
		"children; kids; grandchildren; friends; friend; relatives; neighbours; neighbors; employees; manager; anyone about; anybody about; anyone else about; anyone what; anybody what; anyone about this",
		"anyone about this call; anyone about the call; anyone about it; anybody about this; anybody about it; anyone else; mum; mom; dad; your son; your daughter; your wife; your husband; parents; his parents; her parents; my parents; your parents; my family; my son; my daughter",
	}},
	{"SECRET", []string{
		"keep this confidential; keep it confidential; keep this between us; keep it between us; keep this to yourself; keep it to yourself; keep this secret; keep it secret; keep this quiet; keep it quiet; keep this private",
		"this is confidential; strictly confidential; highly confidential; top secret; classified; gag order; under a gag order; nobody can know; no 1 can know; no 1 must know; nobody must know; tell no 1; tell nobody",
		"this is a secret investigation; confidential investigation; undercover investigation; secret investigation; non disclosure; do not discuss this",
	}},
	{"COACHSAY", []string{
		"tell them; tell the bank; tell the cashier; tell the teller; tell the staff; tell her; tell him; just say; say; say that; tell them that; you say; you tell them; you will say; you will tell them; you must say; if they ask",
	}},
	{"COACHLIE", []string{
		"it is for a|your? gift|present|family|friend|holiday|vacation|renovation|renovations|home_improvements|building_work|personal_use|grandchildren|grandson|granddaughter|car|wedding",
		"it is a gift; it is a present; it is personal; it is for personal reasons; you are buying a car; you are buying a gift; you know me; i am your nephew; i am your grandson; for a family member",
		"you are renovating; you are doing renovations; you are paying a builder; it is for your son; it is for your daughter; nobody asked you",
	}},
	{"THREAT", []string{
		"arrest; arrested; arresting; arrest warrant; warrant; warrant for your arrest; jail; jail time; prison; handcuffs; deported; deportation; deport you; criminal charges; charges against you",
		"prosecuted; prosecution; legal action; legal proceedings; lawsuit; sued; court case; court summons; summons; the police will come; officers will come; sheriff will come; come to your house and arrest",
		"seize; seized; seizure; freeze your assets; freeze your accounts; assets will be frozen; license will be suspended; passport will be cancelled; passport will be revoked; criminal record; you will be taken into custody; custody",
		"cancel your visa; lose your benefits; benefits will be stopped; your pension will be stopped",
	}},
	{"ACCOUNTTHREAT", []string{
		"your account will be closed|suspended|frozen|blocked|locked|terminated|deactivated|cancelled; your card will be blocked|cancelled|stopped|frozen",
		"your accounts will be closed|suspended|frozen|blocked; we will close your account; we will have to close your account; you will lose access",
	}},
	{"URGENT", []string{
		"immediately; right away; urgent; urgently; as soon as possible; asap; within #num hours; within #num minutes; within the hour; within the next hour; before it is too late",
		"time is running out; act now; act fast; hurry; hurry up; quickly; quick quick; last chance; final notice; final warning; limited time; expires today; in the next #num minutes; in the next #num hours; very serious; extremely serious; emergency",
	}},
	{"YOURASSETS", []string{
		"your money; your savings; your funds; your bank account; your bank accounts; your accounts; your account; your pension; your identity; your personal information; your data; your information",
		"your photos; your files; your details; your credit; your credit score; your card; your cards; your life savings; your retirement",
	}},
	{"ATRISK", []string{
		"at risk; in danger; not safe; being stolen; being taken; being drained; will be stolen; will be lost; will be gone; being used; is being accessed; being accessed; being misused; stolen",
		"compromised; exposed; vulnerable; under threat; being hacked; will be emptied; being emptied; will be wiped",
	}},
	{"DOOM", []string{
		"become unusable; will stop working; stop working completely; will crash; will be destroyed; will be deleted; lose everything; lose all your data; lose all your files; lose all your photos",
		"permanently damaged; permanently locked; permanently lost; permanently deleted; it will get worse; spread to your; spread to other; damage your computer; destroy your computer; your computer will die",
		"your internet will be disconnected; your internet will be cut off; cut off your internet; disconnect your internet; suspend your internet; your service will be suspended; your ip address will be blocked; block your ip address; your license will be cancelled; your windows will be blocked",
	}},
	{"STAFFWORD", []string{
		"bank staff; bank employees; employees; staff member; staff members; cashier; cashiers; teller; tellers; someone at your bank; someone at the bank; people at your bank; people at the bank",
		"your bank manager; branch staff; branch manager; someone in the branch; people in the branch; insiders; an insider; inside job; the staff",
	}},
	{"CORRUPT", []string{
		"involved; in on it; corrupt; working with the criminals; working with them; part of this; part of the fraud; part of the scam; can not be trusted; cannot be trusted; are under investigation; is under investigation; stealing",
	}},
	// --- selling and paying ---------------------------------------------------
	{"PLAN", []string{
		"lifetime support; lifetime protection; lifetime plan; lifetime license; lifetime warranty; lifetime service; lifetime membership; lifetime security; lifetime subscription; life time support; life time protection",
		"1 time fix; 1 time fee; 1 time charge; 1 time payment; onetime fee; support plan; protection plan; security plan; maintenance plan; service plan; technical support plan; security package",
		"#num year plan; #num years plan; #num year protection; #num year support; #num year warranty; #num years warranty; #num year license; yearly plan; annual plan; firewall protection; premium support",
		"network security plan; antivirus package; security software; protection software; new firewall; install a firewall; lifetime",
	}},
	{"PRICEWORD", []string{"charge; fee; cost; costs; price; pay; payment; charges; it will cost; only cost; it is only"}},
	{"FIXWORD", []string{"fix; repair; clean; clean up; remove the virus; remove the viruses; removal; cleaning; technician service; fix it; fix your computer; fix the problem; repair your computer"}},
	{"GIFTCARD", []string{
		"gift cards=gift card; gift cards; giftcard; giftcards; gift voucher; gift vouchers; store card; store cards",
		"iTunes=itunes; itunes card; itunes cards; apple gift card; apple gift cards; app store card; app store and itunes",
		"Google Play=google play; google play card; google play cards; play store card; google play gift card",
		"Steam=steam card; steam cards; steam gift card; steam wallet; steam wallet card",
		"Amazon gift card=amazon gift card; amazon gift cards; amazon card; amazon cards; amazon voucher",
		"eBay gift card=ebay gift card; ebay card; ebay cards",
		"Target gift card=target gift card; target card; target cards", "Walmart gift card=walmart gift card; walmart card; walmart cards",
		"Vanilla=vanilla; one vanilla; onevanilla; vanilla visa; vanilla card; vanilla cards", "Visa gift card=visa gift card; visa gift cards; prepaid visa",
		"Prepaid card=prepaid card; prepaid cards; prepaid debit card; reloadable card; green dot; greendot; moneypak; money pak",
		"Razer Gold=razer gold", "Sephora gift card=sephora card; sephora gift card", "Best Buy gift card=best buy card; best buy gift card",
		"Paysafecard=paysafecard; paysafe card; paysafe", "Neosurf=neosurf", "Ukash=ukash", "Xbox card=xbox card; xbox gift card",
		"PlayStation card=playstation card; psn card; playstation gift card", "Nintendo card=nintendo card; nintendo eshop card",
	}},
	{"GIFTSTRONG", []string{
		"scratch the back; scratch off the back; scratch the silver; scratch off; scratch it; silver strip; silver panel; the claim code; claim code; claim codes; redemption code; redemption codes",
		"in gift cards; in itunes cards; in google play cards; in steam cards; in amazon gift cards; in amazon cards; with gift cards; by gift card; by gift cards; using gift cards; via gift cards; in vouchers; with vouchers; in apple gift cards; with apple gift cards; with google play cards",
		"numbers on the back of the card|cards; numbers on the back of each card; the card numbers; card numbers and pins; pin on the back; photo of the card|cards; picture of the card|cards",
	}},
	{"BUYVERB", []string{
		"buy; purchase; get; pick up; go to; pay; pay with; pay in; pay by; payment in; payment by; payment with; in the form of; send; load; use; bought; purchased; go buy; go and buy; store and buy; shop and get",
	}},
	{"CARDDETAIL", []string{"numbers; number; code; codes; pin; pins; scratch; back of; read; send; photo; picture; numbers on the back; card number; claim"}},
	{"CRYPTO", []string{
		"Bitcoin=bitcoin; bit coin; bitcoins; btc; bitcoin atm; bitcoin machine; bitcoin kiosk; bitcoin wallet",
		"Cryptocurrency=crypto; cryptocurrency; crypto currency; cryptocurrencies; crypto atm; crypto machine; crypto wallet; crypto kiosk; digital currency; digital coins",
		"Ethereum=ethereum; ether; eth", "Tether=usdt; tether", "Litecoin=litecoin", "Coinbase=coinbase", "Binance=binance", "Crypto wallet=wallet address; digital wallet; cold wallet",
	}},
	{"CRYPTOUSE", []string{
		"buy; purchase; convert; deposit; put; send; transfer; pay; insert; feed; load; scan; scan the qr code; qr code; into the machine; atm; machine; kiosk; wallet; address; bitcoin atm",
	}},
	{"WIRE", []string{
		"Wire transfer=wire transfer; wire the money; wire it; wire money; wire the funds; bank wire; wire #num",
		"Western Union=western union", "MoneyGram=moneygram; money gram", "Ria=ria money transfer", "Remitly=remitly", "WorldRemit=worldremit; world remit", "Xoom=xoom",
		"Zelle=zelle", "Venmo=venmo", "Cash App=cash app; cashapp", "PayPal=paypal friends and family",
		"Bank transfer=bank transfer; faster payment; send money; send the money; transfer the money; transfer money; transfer the funds; transfer funds; transfer it; send it over; make a transfer; do a transfer",
	}},
	{"PAYASK", []string{
		"i need you to; you need to; you have to; you must; you will need to; we need you to; can you; could you; please; go ahead and; i want you to; you should; you will have to; all you have to do is",
		"told me to; asked me to; wanted me to; had me; made me; got me to; instructed me to; he said to; she said to; they said to; said i should; said i had to; said i needed to; said i must; i had to; i needed to; i was told to; told us to; asked us to; wanted us to; kept telling me to; insisted i; insisted that i; tried to get me to; he needed me to; she needed me to; they needed me to",
	}},
	{"WITHDRAW", []string{"withdraw; withdraw all; take out; draw out; get out; take all; cash out; withdrawal"}},
	{"CASHWHAT", []string{"cash; money; #num; savings; funds; all of it; all the money; the money; everything; your savings; your money; the cash; in cash"}},
	{"GOBANK", []string{"go to the bank and; go to your bank and; go to the bank; go to your bank; go to the branch; go to your branch; drive to the bank; visit your bank and"}},
	{"COLLECTOR", []string{"courier; a courier; our courier; driver; a driver; someone; an officer; officer; agent; our representative; a colleague; my colleague; our agent; we will send someone; we will send a courier; someone will"}},
	{"COLLECT", []string{"collect; pick up; picked up; come to your house; come to your home; come round; come around; come by; come and get; come and collect; meet you; be collected; be picked up; take it"}},
	{"VALUABLES", []string{"cash; money; your card; your cards; card; cards; bank card; bank cards; debit card; credit card; gold; gold bars; valuables; jewellery; jewelry; envelope; the envelope; your pin; the cash"}},
	{"CARDCUT", []string{"cut up the card; cut up your card; cut your card; cut the card in half; cut it in half; cut it up; keep the chip; do not destroy the chip; put the card in an envelope; put your card in an envelope"}},
	{"STOREGO", []string{"go to; drive to; walk to; go down to; nearest; nearby; closest; which store; what store; is there a; near you"}},
	{"STORE", []string{"walmart; target; cvs; walgreens; best buy; costco; 7 eleven; kroger; dollar general; rite aid; the store; a store; any store; the shop; a shop; tesco; sainsbury; sainsburys; asda; argos; boots; the post office; a supermarket; the supermarket; petrol station; gas station"}},
	{"BALANCE", []string{"how much money do you have; how much do you have in; what is your balance; what is the balance; check your balance; your available balance; how much is in your; do you have any other bank; do you have another bank; any other accounts; other bank accounts; your savings account balance"}},
	{"GIFTFOR", []string{"for my granddaughter; for my grandson; for my daughter; for my son; for my niece; for my nephew; for her birthday; for his birthday; for my birthday; birthday present; christmas present; as a present; as a gift; for a present; wedding present; for christmas"}},
	{"CONCEAL", []string{"put; place; wrap; hide; send; post; mail; seal; pack"}},
	{"CASHNOTES", []string{"cash; money; notes; bills; banknotes; the cash; the money"}},
	{"CONTAINER", []string{"envelope; box; parcel; package; magazine; book; post; mail; shoebox; a bag; an envelope"}},
	{"GOLD", []string{"gold; gold bars; gold coins; bullion; precious metals; silver bars"}},
	{"FEE", []string{
		"fee; fees; processing fee; release fee; customs fee; customs fees; customs charge; customs duty; import duty; delivery fee; redelivery fee; handling fee; clearance fee; clearance charge",
		"small fee; admin fee; administration fee; activation fee; insurance fee; shipping fee; shipping charge; transfer fee; unlocking fee; withdrawal fee; legal fee; legal fees; bail money",
		"tax on your winnings; taxes on your winnings; tax on the prize; taxes on the prize; taxes; tax; registration fee; verification fee; service fee; postage; unpaid postage; outstanding fee",
	}},
	{"FEEPAY", []string{"pay; paid; payment; cover; send; settle; paying; pay the; pay a; need to pay; have to pay; must pay; only pay; just pay; you pay"}},
	{"RELEASE", []string{
		"before; to release; to receive; to claim; to get; to unlock; to redeliver; to deliver; in order to; so that; so we can; first; upfront; up front; in advance; release your; receive your; claim your",
	}},
	{"CARDDETAILS", []string{
		"card number; long card number; long number; long number on your card; #num digit card number; card details; card info; card information; debit card details; credit card details; debit card number; credit card number",
		"expiry date; expiration date; expiry; cvv; cvc; cvv2; security code on the back; #num digits on the back; #num digit code on the back; security number on the back; the back of your card; billing details",
		"bank details; banking details; account number; bank account number; routing number; sort code; account and routing number; iban; swift code",
	}},
	{"SECRETS", []string{
		"password; passwords; pin; pin number; your pin; full pin; passcode; login details; log in details; login; sign in details; log in information; login information; login credentials; credentials",
		"online banking password; banking password; one time password; one time passcode; otp; card reader code; pinsentry code; authentication code; 2fa code; two factor code; security code; verification code",
		"username and password; user name and password; email password; your password; your full password; your whole pin; full password",
	}},
	{"IDENTITY", []string{
		"social security number; social security #num; ssn; ss number; social; national insurance number; ni number; sin number; tax id; tax identification number; medicare number",
		"mother's maiden name; mothers maiden name; maiden name; passport number; driver's license number; drivers license number; driving license number; license number",
	}},
	{"ASKFOR", []string{
		"i need; we need; i will need; what is; what are; can i have; can i get; could i have; can i take; let me have; give me; provide; confirm; verify; tell me; read me; read out",
		"may i have; send me; type; type in; enter; share; need your; i just need; we just need; ask for; asking for; input; key; key in; punch in; tap in; asked for; asked me for; asked for my; wanted my; wanted me to give; demanded; demanded my; wanted to know my; needed my; got my; gave him my; gave her my; gave them my; i gave; i read out; i read them",
	}},
	{"BANKACCESS", []string{
		"your online banking; online banking; your bank account; your bank accounts; bank account; your banking app; banking app; your bank app; mobile banking; internet banking",
		"your bank's website; your bank website; your banking; net banking",
	}},
	{"LOGIN", []string{"log in; log into; login; log on; log onto; sign in; sign into; open; access; go into; go to; pull up; check; logged in; signed in; get into"}},
	{"REFUND", []string{
		"refund; refunds; refunded; refunding; reimbursement; reimburse; money back; compensation; overpayment; over payment; overpaid; rebate; tax rebate; tax refund; credit back; partial refund; full refund",
	}},
	{"GIVEYOU", []string{
		"eligible for; entitled to; owed; you are owed; qualify for; qualified for; we owe you; we are giving you; we are giving; going to give you; we will be giving you; we need to give you; need to give you",
		"you are due; you have a pending; issue you a; issuing a; issuing you a; we are issuing; we are refunding you; we will refund you; we need to refund you; to give you your",
	}},
	{"SUBSCRIPTION", []string{
		"subscription; membership; renewal; auto renewal; automatic renewal; auto renew; geek squad; norton; mcafee; prime membership; amazon prime; antivirus; service; support plan; protection plan; contract",
	}},
	{"CANCELLED", []string{
		"cancelled; canceled; cancel; renewed; will renew; auto renewed; discontinued; closing; closed; shutting down; going out of business; charged you; charged; deducted; debited; billed; taken from your account",
	}},
	{"OVERREFUND", []string{
		"sent too much; sent you too much; gave you too much; refunded too much; transferred too much; deposited too much; too much money; an extra zero; extra zero; extra zeros; typed an extra; added an extra",
		"put in too much; send back the difference; send the difference; pay back the difference; return the difference; return the extra; give back the extra; refund us the difference; send the rest back; send back the extra",
		"lose my job; i will be fired; i will get fired; i could be fired; i will get in trouble; my manager will; get me fired; my job is on the line",
	}},
	{"REFUNDFORM", []string{"fill out the refund form; refund form; fill in the form; type the amount; enter the amount; type in the amount; put in the amount; refund portal; refund page"}},
	{"SAFEACC", []string{
		"safe account; safe accounts; secure account; secured account; safety account; protected account; holding account; temporary account; new secure account; safe wallet; secure wallet; safe haven account; escrow account; vault account",
	}},
	{"MOVEVERB", []string{"move; transfer; put; shift; send; relocate; moving; transferring"}},
	{"MONEYOBJ", []string{"your money; your funds; your savings; the money; all your money; all of your money; everything; the balance; your balance; your pension; your life savings; your cash; all the funds"}},
	{"SAFEDEST", []string{
		"new account; another account; account we; account i; account that; a safe; safe; secure; protect; protected; for safe keeping; for safekeeping; keep it safe; keep them safe; protect it; protect them; out of reach of",
	}},
	{"BADTXN", []string{
		"suspicious transaction; suspicious transactions; unauthorized transaction; unauthorized transactions; fraudulent transaction; fraudulent transactions; suspicious activity; unusual activity; fraudulent activity",
		"fraudulent charges; unauthorized charges; unauthorized payment; unauthorized purchase; someone is using your card; someone has been using your card; your card has been cloned; cloned; attempted transaction",
		"someone applied for a loan; a loan in your name; your account has been hacked; account has been compromised; your account is compromised",
	}},
	{"LOCKTHREAT", []string{
		"syskey; sys key; lock your computer; lock the computer; lock you out; locked you out; set a password on your computer; put a password on your computer; your computer will be locked; we will lock",
		"disable your computer; block your computer; lock your files; encrypt your files; you will never get back in",
	}},
	{"UNATTENDED", []string{
		"unattended access; leave your computer on; leave the computer on; keep the computer on overnight; leave it on overnight; leave it running; permanent connection; permanent access; background service; check on it later",
	}},
	{"RECOVERY", []string{
		"recover your money; recover your funds; recover your lost; recover the money; get your money back; recovery service; recovery services; fund recovery; funds recovery; asset recovery; we can recover; recovery fee",
		"recovery agent; recovery agency; caught the scammers; caught the fraudsters; caught the criminals; arrested the scammers; we tracked down; tracked the money; we traced the money; we located your money",
	}},
	// --- lures ---------------------------------------------------------------
	{"POPUP", []string{
		"pop up; popup; pop ups; popped up; a message popped up; flashing; warning on my screen; warning on the screen; message on my screen; message on the screen; my screen froze; screen locked; my screen locked",
		"browser locked; browser froze; loud noise; loud alarm; loud beeping; alarm sound; a voice saying; a number to call; called the number on the screen; number on the screen; microsoft warning; microsoft alert",
		"windows alert; windows warning; call microsoft; call apple support; phone number on the screen; toll free number on the screen; your computer has been blocked; computer has been locked; red screen; blue screen with a number",
	}},
	{"ROBOCALL", []string{
		"this is an automated message; this is an automated call; this is a recorded message; this is a pre recorded message; press #num to speak; press #num now; press #num to be connected; press #num to talk; press #num to cancel; press #num to dispute; press #num to stop; press #num to reach",
		"final notice; final attempt; last attempt to reach you; this is your final notice; this call is to inform you; we have been trying to reach you; we have been trying to contact you",
	}},
	{"DIDNOTORDER", []string{
		"if you did not make; if you did not authorize; if you did not place; if you did not order; if you did not recognize; if this was not you; if it was not you; to cancel this order; your account has been charged; you have been charged; your card has been charged; an order has been placed; has been placed on your account; order for an iphone; purchase of an iphone",
		"to cancel this transaction; to cancel the charge; to cancel this charge; to cancel the payment; to cancel this payment; to cancel the order; to dispute this charge; to dispute the charge",
	}},
	{"CALLVERB", []string{"call; ring; reach; contact; call back; call us back; call me back; phone; dial; text; call us; call me; reach us; reach me; call this number; call the number"}},
	// --- other impersonation scams ----------------------------------------------
	{"TAXWORD", []string{
		"you owe; owe; owed; outstanding; unpaid; overdue; back taxes; tax debt; tax arrears; tax fraud; tax evasion; underpaid; underpayment; discrepancy; irregularities; irregularity; audit; penalty; penalties; tax bill; fine",
	}},
	{"SSNTHREAT", []string{
		"suspended; suspend; suspending; compromised; blocked; frozen; cancelled; canceled; deactivated; used; linked; linked to; involved; flagged; misused; fraudulent; criminal; illegal; stolen; will be suspended; has been suspended",
	}},
	{"SSNWORD", []string{"social security number; social security; ssn; national insurance number; ni number; sin number; social insurance number; tax id number"}},
	{"DELIVERYWORD", []string{"parcel; package; delivery; shipment; consignment; your order; redelivery; packet; your item; item; courier"}},
	{"DELIVERYFAIL", []string{
		"fee; charge; payment; customs; duty; duties; held; on hold; being held; could not be delivered; can not be delivered; failed; failed delivery; unpaid; outstanding; insufficient postage; address incomplete",
		"incomplete address; wrong address; missed; returned to sender; will be returned; will be destroyed; postage; incomplete; stuck; redelivery; redeliver; rebook; shortfall",
	}},
	{"PAYWHAT", []string{"pay; fee; charge; card; link; click; card details; small fee; payment; #num"}},
	{"CLICKLINK", []string{
		"click the link; click on the link; click this link; click on this link; follow the link; tap the link; open the link; link we sent; link i sent; link i just sent; link we just sent",
		"link in the text; link in the message; link in the email; link in the sms; link we texted; link we emailed; click the button; press the link; use the link",
	}},
	{"WON", []string{
		"you have won; you won; you are a winner; you are the winner; you have been selected to receive; you were selected to receive; you have been chosen to receive; selected to receive; lucky winner; lucky draw winner",
		"sweepstakes; sweepstake; lottery winner; lottery prize; won the lottery; jackpot; i have won; i had won; i won a; said i won; said i had won; cash prize; government grant; free grant; grant money; unclaimed money; unclaimed funds; unclaimed inheritance; you qualify for a grant; claim your prize; claim your winnings; your winnings",
		"free vacation; free holiday; free cruise; congratulations you; publishers clearing house; pch; mega millions; powerball",
	}},
	{"CLAIMVERB", []string{"claim; collect; receive; redeem; release; get; transfer"}},
	{"PRIZE", []string{"prize; reward; winnings; gift; grant; award; funds; money; cash; check; cheque; bonus; vehicle; car"}},
	{"INVEST", []string{
		"guaranteed return; guaranteed returns; guaranteed profit; guaranteed profits; guaranteed income; double your money; triple your money; risk free; no risk; zero risk; high returns; huge returns",
		"#num percent return; #num percent returns; #num percent profit; #num percent a month; #num percent a week; #num percent per month; #num percent per week; #num percent every month; passive income",
		"make money fast; get rich; financial freedom; investment opportunity; exclusive opportunity; once in a lifetime opportunity; trading platform; trading account; forex; binary options",
		"crypto trading; bitcoin investment; crypto investment; mining pool; account manager; withdraw your profits; your profits; profit; trading bot; ai trading; investment platform; tried to withdraw; could not withdraw; can not withdraw; crypto exchange; trading site; my profits; pay tax before withdrawing; unlock my account",
	}},
	{"INVESTPUSH", []string{
		"limited spots; only a few spots; invest now; start with just; start with only; minimum deposit; initial deposit; deposit #num; invest #num; before the price goes up; everyone is making money; do not miss out; miss out",
	}},
	{"FAMILYHI", []string{
		"it is me your; it is your grandson; it is your granddaughter; this is your grandson; this is your granddaughter; your favourite grandson; your favorite grandson",
		"new number; my new number; this is my new number; lost my phone; broke my phone; dropped my phone; phone is broken; my phone broke; phone is dead; using a friend's phone; borrowed phone",
		"my phone is broken; my phone is lost; can not talk right now; from my friends phone; on my friends phone; my friend's phone; fell in the toilet; fell in the bath; dropped it in the; do not ring the old number; do not call the old number; old number does not work",
	}},
	{"FAMILYTROUBLE", []string{
		"i am in trouble; i am in big trouble; i need bail; bail money; post bail; in jail; i am in jail; been arrested; i got arrested; stuck abroad; stranded; lost my wallet; need money urgently; need help urgently",
		"please do not tell mum; please do not tell dad; do not tell mum; do not tell dad; do not tell mom; do not tell my parents; do not tell anyone; car accident; had an accident; i crashed; need to pay a bill today; rent is due",
		"hospital bill; medical bill; pay the lawyer; need a lawyer; public defender",
	}},
	{"MONEYWHAT", []string{"money; #num; the money; some money; cash; funds; for me; it to me; to this account; this account"}},
	{"SENDVERB", []string{"send; transfer; lend; pay; wire; give; loan; send over; help me with"}},
	// --- what genuine organisations say ---------------------------------------------
	{"NEVERASK", []string{
		"we will never ask; we never ask; we would never ask; we will not ask; we do not ask; never ask you; will never ask; would never ask; never ask for; never request; will never request",
		"we will never call; we would never call; never call you; we never call; we will never contact; never contact you; no 1 from; nobody from; no legitimate; we do not need your",
		"never need your; never share; do not share; should never share; never give; never give out; do not give; do not give out; never tell anyone; do not tell anyone your; never disclose; do not disclose",
		"will never ask you; we will never send; we would never send; never asks; never asks for; does not ask; do not ever; would never call; will never call; would never phone; will never phone; never phones; never calls; would never contact; will never contact; would never tell you; will never tell you",
	}},
	{"NEVERWHAT", []string{
		"password; passwords; pin; pin number; passcode; security code; one time passcode; one time password; code; codes; card details; bank details; full card number; personal details; details",
		"remote access; access to your computer; install; download; software; move money; transfer money; move your money; safe account; gift card; gift cards; bitcoin; crypto; payment; pay; money; account number; login",
	}},
	{"CALLOFFICIAL", []string{
		"the number on the back of your card; number on the back of your card; on the back of your card; number on our website; our official number; our official website; official number; official website",
		"number on your statement; number on your bill; number on your letter; number on your invoice; number you trust; a number you know; number you know; 159; the number you have; our main number",
		"number listed on; number on the app; number in the app; number on your card",
	}},
	{"CALLBACKVERB", []string{"call; ring; phone; contact; call back; call us back; check; verify; hang up and call; hang up and ring; dial; call us; call us directly"}},
	{"INBOUND", []string{
		"thank you for calling; thanks for calling; thank you for contacting; how can i help you today; how may i help you; how can i help you; you are through to; you have reached",
		"what can i do for you; what can i help you with; how can i assist you; how may i assist you; you are speaking to; calling us today; for calling us",
		"is there anything else i can help you with; anything else i can help with; anything else i can do for you; thank you for holding; thanks for holding; thank you for your patience; let me pull up your account; i can see your account; i have your account here; returning your call; you called us; you asked us to call; you called about; you called earlier; you rang about; you rang us; you contacted us; the ticket you raised; you logged a ticket; you logged a call; your ticket number; your case number",
	}},
	{"NOACTION", []string{
		"you do not need to do anything; there is nothing you need to do; nothing you need to do; no action needed; no action is needed; no action required; no action is required; no payment needed",
		"no payment is needed; no payment required; no payment is required; you do not have to pay; there is no fee; there is no charge; at no cost; free of charge; you can ignore; take your time; no rush; there is no rush",
		"in your own time; at your convenience; whenever is convenient; you can think about it; talk it over; speak to your family; check with your family; feel free to call us back; you can call us back; nothing to pay; there is nothing to pay; you entered our; you entered the; that you entered; you took part in",
	}},
	{"BRANCH", []string{
		"visit your local branch; visit a branch; visit the branch; visit any branch; come into the branch; come into a branch; come into your branch; pop into; in branch; at the branch; in person at",
		"at the pharmacy; at the counter; at the front desk; come in person; bring it in; bring your id; bring photo id",
	}},
	// --- negation and speakers ---------------------------------------------------------
	{"NEG", []string{"not; never; no; without; nobody; none; neither; nor; refuse; refused; refuse to; decline; declined; nothing; no 1; rather than; instead of"}},
	{"NEGX", []string{
		"why do not you; why do you not; do not you; will not you; can not you; could not you; would not you; if you do not; if you will not; if you can not; if you refuse; do not worry; not only; no problem",
		"no worries; not sure; no no; or not; whether or not; if not; not yet; do not be afraid; do not panic; no need to worry; never mind; not to worry; no matter",
	}},
	{"PERSONCUE", []string{
		"who is this; who is calling; who are you; how did you get my number; how do you have my number; is this a scam; this is a scam; sounds like a scam; are you a scammer; you are a scammer",
		"i do not have; what is this about; what do you want; i am not comfortable; i will call back; i am going to hang up; i will hang up; i do not trust; i do not believe you; how do i know",
		"why do you need; i am not sure about this; i do not understand; what do i do",
	}},
}

// Scam-type shorthands for the catalogue.
var (
	tTech   = []hangup.ScamType{hangup.ScamTechSupport}
	tRefund = []hangup.ScamType{hangup.ScamRefund}
	tBank   = []hangup.ScamType{hangup.ScamBankImpersonate}
	tGov    = []hangup.ScamType{hangup.ScamGovernment}
	tDeliv  = []hangup.ScamType{hangup.ScamDelivery}
	tPrize  = []hangup.ScamType{hangup.ScamPrize}
	tInvest = []hangup.ScamType{hangup.ScamInvestment}
	tFamily = []hangup.ScamType{hangup.ScamFamily}
)

// Never is the code of a genuine organisation's "we will never ask you to…"
// statement; a request negated by "never" becomes this code (Rule.OnNeg).
const Never = "genuine_never_asks"

// Rules is the indicator catalogue.
var Rules = []Rule{
	// S0 lure
	{Code: "popup_lure", Stage: hangup.StageLure, Weight: 0.7, Types: tTech, Side: SideAny, Pattern: "POPUP",
		Explain: "A pop-up or locked screen with a number to call is how tech-support scams start. Microsoft's real error messages never contain a phone number."},
	{Code: "robocall_lure", Stage: hangup.StageLure, Weight: 0.3, Side: SideCaller, Pattern: "ROBOCALL",
		Explain: "An automated or 'final notice' call pushing you to press a key or call back is a common scam opener."},
	{Code: "unexpected_charge_lure", Stage: hangup.StageLure, Weight: 0.4, Types: tRefund, Side: SideCaller, Pattern: "DIDNOTORDER",
		Explain: "A call about a charge or order you did not make, offering to cancel it, is how refund scams start."},
	{Code: "subscription_renewal_lure", Stage: hangup.StageLure, Weight: 0.45, Types: tRefund, Side: SideCaller, Pattern: "SUBSCRIPTION ~6 CANCELLED",
		Explain: "A call about a subscription being renewed, charged or cancelled is the usual opening of a refund scam."},
	{Code: "callback_number_given", Stage: hangup.StageLure, Weight: 0.3, Side: SideCaller, Pattern: "CALLVERB ~6 PHONE",
		Explain: "The caller gave a number to call back. Only call a number you found yourself: on your card, a bill or the official website."},
	// S1 authority
	{Code: "claims_tech_company", Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "CLAIMFROM ~5 TECHBRAND|TECHDEPT",
		Explain: "The caller claimed to be from {x}. Microsoft, Apple and other tech companies do not phone people about their computers."},
	{Code: "claims_service_company", Stage: hangup.StageAuthority, Weight: 0.4, Types: tRefund, Side: SideCaller, Pattern: "CLAIMFROM ~5 SERVICEBRAND",
		Explain: "The caller claimed to be from {x}. Calls about orders, charges or subscriptions you did not expect are how refund scams start: check in the app or on the website yourself."},
	{Code: "claims_refund_department", Stage: hangup.StageAuthority, Weight: 0.5, Types: tRefund, Side: SideCaller, Pattern: "[refund department|refunds department|refund team|refund desk|billing department|cancellation department|refund section]",
		Explain: "The caller said they were from a 'refund' or 'billing' department. Refund scams start with money you are supposedly owed."},
	{Code: "claims_isp", Stage: hangup.StageAuthority, Weight: 0.4, Types: tTech, Side: SideCaller, Pattern: "CLAIMFROM ~5 ISP",
		Explain: "The caller claimed to be from your internet or phone provider. Scammers often pose as the provider to sound official."},
	{Code: "isp_report_claim", Stage: hangup.StageAuthority, Weight: 0.85, Types: tTech, Side: SideCaller, Pattern: "REPORTWORD ~5 ISP || ISP ~6 REPORTVERB",
		Explain: "The caller said your internet provider reported a problem with your computer. Internet providers do not pass such reports to people who phone you."},
	{Code: "device_problem_claim", Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "MYDEVICE ~6 INFECTED || INFECTED ~6 MYDEVICE",
		Explain: "The caller said your computer or connection has a virus or is sending errors. Nobody can see that from outside: this is the classic tech-support scam claim."},
	{Code: "detected_problem_claim", Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "DETECT ~8 INFECTED|MYDEVICE",
		Explain: "The caller claimed to have detected a problem on your computer or account. Genuine companies cannot see viruses on your computer."},
	{Code: "hackers_inside_claim", Stage: hangup.StageAuthority, Weight: 0.7, Types: tTech, Side: SideCaller, Pattern: "HACKERS ~5 INSIDE",
		Explain: "The caller said hackers are in your computer or accounts right now: a scare tactic to make you act without thinking."},
	{Code: "claims_bank_fraud_team", Stage: hangup.StageAuthority, Weight: 0.35, Types: tBank, Side: SideCaller, Pattern: "CLAIMFROM ~5 FRAUDDEPT || BANKORG ~3 FRAUDDEPT || CLAIMFROM ~4 BANKORG",
		Explain: "The caller claimed to be from a bank or its fraud team. If in doubt, hang up and call the number on the back of your card (in the UK, dial 159)."},
	{Code: "claims_government", Stage: hangup.StageAuthority, Weight: 0.5, Types: tGov, Side: SideCaller, Pattern: "CLAIMFROM ~5 GOVORG || CLAIMFROM ~3 OFFICER || [my badge|badge number|badge id|my id number is]",
		Explain: "The caller claimed to be from {x}. Tax offices, social security and the police do not phone to demand payment or personal details."},
	{Code: "bank_fraud_alert", Stage: hangup.StageAuthority, Weight: 0.3, Types: tBank, Side: SideCaller, Pattern: "BADTXN",
		Explain: "The caller spoke of suspicious transactions on your account. Real banks do call about this, but fake 'fraud teams' use the same words: check by calling the number on your card."},
	{Code: "ssn_suspended_claim", Stage: hangup.StageAuthority, Weight: 0.9, Types: tGov, Side: SideCaller, Pattern: "SSNWORD ~8 SSNTHREAT",
		Explain: "The caller said your social security or national insurance number is suspended or linked to a crime. Such numbers are never suspended over the phone."},
	{Code: "family_impersonation", Stage: hangup.StageAuthority, Weight: 0.6, Types: tFamily, Side: SideCaller, Pattern: "FAMILYHI",
		Explain: "The caller or message claimed to be a family member on a new or borrowed phone. Check by calling them on the number you already have."},
	{Code: "prize_claim", Stage: hangup.StageLure, Weight: 0.7, Types: tPrize, Side: SideCaller, Pattern: "WON || CLAIMVERB ~3 PRIZE ~3 [now|today|you have to|you need to|you must|fee|first]",
		Explain: "The caller said you have won a prize, lottery or grant. You cannot win something you never entered, and real prizes never cost a fee."},
	// S2 remote access
	{Code: "remote_tool_install", Stage: hangup.StageRemote, Weight: 1.0, Types: tTech, Side: SideCaller, Critical: true,
		Pattern: "INSTALL|NAVIGATE ~6 RTOOL || RTOOL ~6 INSTALL || ASKYOU ~6 RTOOL", OnNeg: Never,
		Explain: "The caller asked you to install {x}. It gives them full control of your computer. Genuine companies never do this on a call they started."},
	{Code: "remote_tool_named", Stage: hangup.StageRemote, Weight: 0.7, Types: tTech, Side: SideAny, Pattern: "RTOOL",
		Explain: "{x} was mentioned. It is a remote-access program that lets a stranger control your computer; tech-support scammers use it to get in."},
	{Code: "remote_access_request", Stage: hangup.StageRemote, Weight: 0.8, Types: tTech, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "ASKYOU|INSTALL|NAVIGATE ~6 RACCESS || [let me|allow me to|i will|i can|i need to|we need to|we will|i am going to|so i can|so that i can|so we can|i have to] ~6 RACCESS",
		Explain: "The caller wanted to get into your computer remotely. Never let someone who called you connect to your computer."},
	{Code: "remote_access_mentioned", Stage: hangup.StageRemote, Weight: 0.35, Types: tTech, Side: SideAny, Pattern: "RACCESS",
		Explain: "Remote access to your computer came up. Only allow it when you called a company you trust, never for someone who called you."},
	{Code: "access_code_request", Stage: hangup.StageRemote, Weight: 0.8, Types: tTech, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "READ ~5 CODE || CODE ~6 [on your screen|on the screen|you see|it shows|it gives you|showing|appears|displayed|do you see|can you see]",
		Explain: "The caller asked you to read out a code or ID from your screen. That code lets them connect to your computer: never read it to someone who called you."},
	{Code: "access_code_read", Stage: hangup.StageRemote, Weight: 0.6, Types: tTech, Side: SideAny, Pattern: "CODE ~4 DIGITCODE",
		Explain: "A code was read out on the call. Codes from remote-access programs let the other person connect to your computer."},
	{Code: "digit_code_mentioned", Stage: hangup.StageRemote, Weight: 0.5, Types: tTech, Side: SideCaller, Pattern: "[#num digit code|#num digit number|#num digit id|#num digit access code|#num digit pin|#num digit]",
		Explain: "The caller talked about a numbered code (such as a '9-digit code'). Remote-access programs show such codes to let someone connect."},
	{Code: "browser_steering", Stage: hangup.StageRemote, Weight: 0.45, Types: tTech, Side: SideCaller,
		Pattern: "NAVIGATE ~5 DOMAIN || [open your browser|open up your browser|open the browser|open google chrome|open internet explorer|open microsoft edge|address bar|search bar|type this in|type in the following|type exactly]",
		Explain: "The caller directed you to a website or told you what to type. Scammers use this to get you to download their tools."},
	{Code: "keyboard_steering", Stage: hangup.StageRemote, Weight: 0.65, Types: tTech, Side: SideCaller,
		Pattern: "WINKEY ~4 [r|and r|plus r|letter r|and the r|and press r|the r key] || [press|hold|hold down|push|find] ~3 WINKEY || [run box|run command|run window|run dialog|type cmd|type in cmd|command prompt|type eventvwr|type msconfig]",
		Explain: "The caller told you which keys to press or what to type on your computer. Tech-support scammers walk people through this to open the door to their computer."},
	{Code: "link_steering", Stage: hangup.StageRemote, Weight: 0.4, Side: SideCaller, Pattern: "CLICKLINK",
		Explain: "You were asked to open a link sent to you. Links in unexpected calls and messages lead to fake payment pages and remote-access downloads."},
	// S3 fake diagnosis
	{Code: "fake_diagnosis", Stage: hangup.StageDiagnosis, Weight: 0.7, Types: tTech, Side: SideCaller, Pattern: "DIAGTOOL",
		Explain: "The caller used normal Windows screens (Event Viewer, command prompt, netstat) as 'proof' of a problem. Every computer shows these warnings: it proves nothing."},
	{Code: "expired_protection_claim", Stage: hangup.StageDiagnosis, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "EXPIRABLE ~3 EXPIRED",
		Explain: "The caller said your licence, warranty, firewall or protection has expired: a made-up problem to sell you a fix."},
	// S4 fear, urgency, secrecy
	{Code: "keep_computer_on", Stage: hangup.StageUrgency, Weight: 0.6, Types: tTech, Side: SideCaller, NoNeg: true, Pattern: "DONOT ~2 TURNOFF ~3 THEMACHINE",
		Explain: "The caller told you not to turn off your computer. Scammers say this to keep control of it; switching off is safe."},
	{Code: "do_not_hang_up", Stage: hangup.StageUrgency, Weight: 0.6, Side: SideCaller, NoNeg: true, Pattern: "HANGUP",
		Explain: "The caller told you not to hang up. A genuine caller never minds you hanging up and calling back on a number you trust."},
	{Code: "secrecy_demand", Stage: hangup.StageUrgency, Weight: 0.9, Side: SideCaller, NoNeg: true, Critical: true, Pattern: "DONOT ~2 TELLVERB ~4 TELLWHO || SECRET",
		Explain: "The caller told you to keep this secret or not to tell your bank or family. Genuine organisations never ask for secrecy: it is how scammers stop anyone warning you."},
	{Code: "coached_lie", Stage: hangup.StageUrgency, Weight: 0.95, Side: SideCaller, NoNeg: true, Critical: true, Pattern: "COACHSAY ~4 COACHLIE",
		Explain: "The caller told you what to say if the bank asks. Being told to lie to your bank is a sure sign of a scam."},
	{Code: "legal_threat", Stage: hangup.StageUrgency, Weight: 0.75, Types: tGov, Side: SideCaller, Pattern: "THREAT",
		Explain: "The caller threatened arrest, court or other legal action. Real authorities write to you; they never threaten arrest on the phone to get paid."},
	{Code: "account_threat", Stage: hangup.StageUrgency, Weight: 0.5, Types: tBank, Side: SideCaller, Pattern: "ACCOUNTTHREAT",
		Explain: "The caller threatened to close or block your account unless you act now: pressure to stop you checking."},
	{Code: "urgency_pressure", Stage: hangup.StageUrgency, Weight: 0.2, Side: SideCaller, Pattern: "URGENT",
		Explain: "The caller pushed you to act immediately. Pressure to act before you can think or check is a warning sign."},
	{Code: "assets_at_risk", Stage: hangup.StageUrgency, Weight: 0.55, Side: SideCaller, Pattern: "YOURASSETS ~4 ATRISK",
		Explain: "The caller said your money, accounts or identity are at risk right now: fear makes people act without checking."},
	{Code: "device_doom_threat", Stage: hangup.StageUrgency, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "DOOM",
		Explain: "The caller said your computer will stop working or lose everything unless you act: a scare to sell a fake fix."},
	{Code: "bank_staff_corrupt", Stage: hangup.StageUrgency, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, Pattern: "STAFFWORD ~6 CORRUPT",
		Explain: "The caller said staff at your bank are involved in fraud. Scammers say this so you ignore the bank's warnings."},
	// S5 sales
	{Code: "support_plan_sale", Stage: hangup.StageSales, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "PLAN",
		Explain: "The caller tried to sell you a support plan, licence or protection. Fake fixes and 'lifetime support' are how tech-support scams take money."},
	{Code: "fix_fee", Stage: hangup.StageSales, Weight: 0.4, Types: tTech, Side: SideCaller, Pattern: "PRICEWORD ~6 FIXWORD || FIXWORD ~6 PRICEWORD",
		Explain: "The caller asked for money to fix your computer. Nobody who calls you out of the blue needs to fix your computer."},
	{Code: "investment_promise", Stage: hangup.StageSales, Weight: 0.7, Types: tInvest, Side: SideCaller, Pattern: "INVEST || INVESTPUSH",
		Explain: "The caller promised high or guaranteed returns. Genuine investments never guarantee profits; pressure to invest now is a warning sign."},
	// S6 payment
	{Code: "gift_card_payment", Stage: hangup.StagePayment, Weight: 1.0, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "BUYVERB ~6 GIFTCARD || GIFTCARD ~8 CARDDETAIL || GIFTSTRONG || PAYASK ~6 GIFTCARD",
		Explain: "The caller wanted payment in {x} or the numbers on the back. No genuine company, bank or government takes gift cards as payment: this is a scam."},
	{Code: "gift_card_mentioned", Stage: hangup.StagePayment, Weight: 0.6, Side: SideAny, Pattern: "GIFTCARD",
		Explain: "{x} came up on the call. Scammers ask for payment in gift cards because the money cannot be traced or returned."},
	{Code: "crypto_payment", Stage: hangup.StagePayment, Weight: 0.95, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "CRYPTOUSE ~6 CRYPTO || CRYPTO ~6 CRYPTOUSE || PAYASK ~6 CRYPTO",
		Explain: "The caller wanted money turned into {x} or paid through a crypto machine. Genuine organisations never ask for payment in cryptocurrency."},
	{Code: "crypto_mentioned", Stage: hangup.StagePayment, Weight: 0.4, Types: tInvest, Side: SideAny, Pattern: "CRYPTO",
		Explain: "Cryptocurrency came up on the call. Payments in crypto cannot be reversed, which is why scammers want them."},
	{Code: "wire_transfer_request", Stage: hangup.StagePayment, Weight: 0.7, Side: SideCaller, OnNeg: Never, Pattern: "PAYASK ~6 WIRE",
		Explain: "The caller asked you to send money by {x}. Money sent this way is very hard to get back."},
	{Code: "money_transfer_mentioned", Stage: hangup.StagePayment, Weight: 0.3, Side: SideAny, Pattern: "WIRE",
		Explain: "Sending money by {x} came up on the call."},
	{Code: "cash_withdrawal_request", Stage: hangup.StagePayment, Weight: 0.8, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "PAYASK|GOBANK ~6 WITHDRAW ~4 CASHWHAT || GOBANK ~4 WITHDRAW",
		Explain: "The caller asked you to withdraw cash. Nobody genuine asks you to take cash out for them."},
	{Code: "courier_collection", Stage: hangup.StagePayment, Weight: 0.95, Types: tBank, Side: SideCaller, Critical: true,
		Pattern: "COLLECTOR ~6 COLLECT ~8 VALUABLES || VALUABLES ~8 COLLECTOR ~6 COLLECT",
		Explain: "The caller arranged for a courier or 'officer' to collect cash, cards or gold from you. Banks and police never collect money or cards from your home."},
	{Code: "card_handover", Stage: hangup.StagePayment, Weight: 0.85, Types: tBank, Side: SideCaller, Critical: true, Pattern: "CARDCUT",
		Explain: "The caller told you to cut up your card or put it in an envelope for collection. Banks never collect cards: the chip and your PIN are what the thieves want."},
	{Code: "cash_in_post", Stage: hangup.StagePayment, Weight: 0.95, Side: SideCaller, Critical: true, Pattern: "CONCEAL ~5 CASHNOTES ~6 CONTAINER",
		Explain: "The caller wanted cash hidden in a parcel or envelope. Sending cash by post or courier is a hallmark of a scam."},
	{Code: "buy_gold", Stage: hangup.StagePayment, Weight: 0.8, Types: tBank, Side: SideCaller, Pattern: "[buy|purchase|buying] ~4 GOLD",
		Explain: "The caller wanted you to buy gold. Scammers ask for gold because it is easy to carry away and hard to trace."},
	{Code: "store_steering", Stage: hangup.StagePayment, Weight: 0.45, Side: SideCaller, Pattern: "STOREGO ~3 STORE",
		Explain: "The caller sent you to a shop during the call. Scammers do this to have you buy gift cards or send money while they stay on the line."},
	{Code: "balance_probe", Stage: hangup.StageBankAccess, Weight: 0.6, Types: tRefund, Side: SideCaller, Pattern: "BALANCE",
		Explain: "The caller asked how much money you have or which other accounts you hold. That is what scammers need to know to take it."},
	{Code: "upfront_fee", Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller, Pattern: "FEEPAY ~5 FEE ~8 RELEASE || FEE ~6 RELEASE ~6 [prize|winnings|money|funds|parcel|package|grant|refund|profits|delivery] || FEEPAY ~3 FEE",
		Explain: "You were asked to pay a fee first to receive a prize, parcel, refund or money. Genuine prizes and refunds never need an upfront fee."},
	{Code: "card_details_request", Stage: hangup.StagePayment, Weight: 0.55, Side: SideCaller, OnNeg: Never, Pattern: "ASKFOR|ASKYOU ~5 CARDDETAILS",
		Explain: "The caller asked for your card or bank details. Never give them to someone who called you: hang up and call the number on your card."},
	{Code: "identity_number_request", Stage: hangup.StagePayment, Weight: 0.6, Types: tGov, Side: SideCaller, OnNeg: Never, Pattern: "ASKFOR|ASKYOU ~5 IDENTITY",
		Explain: "The caller asked for your social security, national insurance or passport number. That is what identity thieves need."},
	{Code: "money_request", Stage: hangup.StagePayment, Weight: 0.45, Side: SideCaller, OnNeg: Never, Pattern: "[can you|could you|please|i need you to|you need to|you have to|can u] ~2 SENDVERB ~4 MONEYWHAT",
		Explain: "The caller asked you to send money."},
	{Code: "delivery_fee_request", Stage: hangup.StagePayment, Weight: 0.6, Types: tDeliv, Side: SideCaller, Pattern: "DELIVERYWORD ~10 DELIVERYFAIL ~10 PAYWHAT",
		Explain: "A parcel was said to be held until you pay a fee or enter card details. Couriers do not phone to take payment for redelivery."},
	// S7 bank access and refunds
	{Code: "secret_request", Stage: hangup.StageBankAccess, Weight: 0.9, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "ASKFOR|ASKYOU ~5 SECRETS",
		Explain: "The caller asked for a password, PIN or security code. No genuine bank or company ever asks for these."},
	{Code: "otp_request", Stage: hangup.StageBankAccess, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "READ ~8 CODE ~8 OTPCTX || OTPCTX ~6 CODE ~10 READ",
		Explain: "The caller asked for a code sent to your phone. That code approves a payment or a login: never read it to anyone."},
	{Code: "bank_login_request", Stage: hangup.StageBankAccess, Weight: 0.7, Types: tRefund, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "ASKYOU|LOGIN ~4 BANKACCESS",
		Explain: "The caller asked you to log into your online banking during the call. With remote access they can watch you and move your money."},
	{Code: "refund_offer", Stage: hangup.StageBankAccess, Weight: 0.5, Types: tRefund, Side: SideCaller, Pattern: "GIVEYOU ~4 REFUND",
		Explain: "The caller offered you a refund you did not ask for. Unexpected refunds are the bait of refund scams."},
	{Code: "over_refund", Stage: hangup.StageBankAccess, Weight: 1.0, Types: tRefund, Side: SideCaller, Critical: true, NoNeg: true, Pattern: "OVERREFUND",
		Explain: "The caller claimed too much was refunded and wanted the difference back. The 'refund' is fake: they moved your own money around, and any money you send is lost."},
	{Code: "refund_form", Stage: hangup.StageBankAccess, Weight: 0.6, Types: tRefund, Side: SideCaller, Pattern: "REFUNDFORM",
		Explain: "You were asked to type a refund amount into a form. Scammers use this to fake an over-payment."},
	{Code: "safe_account", Stage: hangup.StageBankAccess, Weight: 1.0, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "SAFEACC",
		Explain: "The caller talked about a 'safe account'. Banks never ask you to move money to keep it safe: this is always a scam."},
	{Code: "move_money_request", Stage: hangup.StageBankAccess, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "MOVEVERB ~3 MONEYOBJ ~6 SAFEDEST",
		Explain: "The caller wanted you to move your money to another account to protect it. Your bank never asks this."},
	// S8 persistence
	{Code: "lock_threat", Stage: hangup.StagePersistence, Weight: 0.9, Types: tTech, Side: SideCaller, Critical: true, Pattern: "LOCKTHREAT",
		Explain: "The caller threatened to lock your computer or files. Scammers do this when people refuse to pay."},
	{Code: "unattended_access", Stage: hangup.StagePersistence, Weight: 0.7, Types: tTech, Side: SideCaller, Pattern: "UNATTENDED",
		Explain: "The caller wanted lasting access to your computer, e.g. leaving it on for them. That lets them come back at any time."},
	{Code: "recovery_offer", Stage: hangup.StagePersistence, Weight: 0.5, Side: SideCaller, Pattern: "RECOVERY",
		Explain: "The caller offered to recover money you lost. 'Recovery' calls after a scam usually come from the same scammers."},
	// Family emergency
	{Code: "family_emergency", Stage: hangup.StageUrgency, Weight: 0.7, Types: tFamily, Side: SideCaller, Pattern: "FAMILYTROUBLE",
		Explain: "A family member was said to be in trouble and needing money quickly or in secret. Call them back on the number you know before doing anything."},
	// Government threats
	{Code: "tax_debt_threat", Stage: hangup.StageUrgency, Weight: 0.7, Types: tGov, Side: SideCaller, Pattern: "TAXWORD ~10 GOVORG || GOVORG ~10 TAXWORD",
		Explain: "The caller said you owe tax or face a penalty. Tax authorities write to you first and never demand immediate payment by phone."},
	// Genuine behaviour (stage G): evidence for a genuine call.
	{Code: Never, Stage: hangup.StageGenuine, Weight: 0.8, Side: SideAny, NoNeg: true, Pattern: "NEVERASK ~8 NEVERWHAT || NEVERASK",
		Explain: "The speaker said they would never ask for passwords, codes, remote access or payment: what genuine organisations say."},
	{Code: "genuine_call_back_advice", Stage: hangup.StageGenuine, Weight: 0.8, Side: SideAny, Pattern: "CALLBACKVERB ~8 CALLOFFICIAL",
		Explain: "The speaker suggested checking by calling a number you already trust (the back of your card, the official website): what genuine organisations advise."},
	{Code: "gift_card_as_present", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Pattern: "GIFTCARD ~8 GIFTFOR || GIFTFOR ~8 GIFTCARD",
		Explain: "The gift card was talked about as a present for someone, not as a way to pay."},
	{Code: "genuine_official_site", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true, Pattern: "NAVIGATE|CALLBACKVERB ~5 GOVDOMAIN || [use|using|on|through|via] ~5 GOVDOMAIN",
		Explain: "The speaker pointed to an official government website you can check for yourself."},
	{Code: "genuine_inbound_service", Stage: hangup.StageGenuine, Weight: 0.3, Side: SideAny, Pattern: "INBOUND",
		Explain: "The call sounds like one the person made to a service line themselves."},
	{Code: "genuine_no_pressure", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Pattern: "NOACTION || BRANCH",
		Explain: "The speaker said there is no payment or action needed, no rush, or to come in person: the opposite of scam pressure."},
}
