#!/bin/sh
# CLI tests of agency search and the agencies listing.
. tests/cli/lib.sh

DB="$TMP/corpus.db"
run $INDEX -q -d "$DB" corpus
check_rc "index corpus" 0

run $QUERY -d "$DB" agencies -f json
check_rc "agencies lists bodies" 0
check_eq "DOC has NIST and NTIA among its children" \
	"$(json "[sorted(set(a['children']) & {'nist','ntia','bis'}) for a in d['agencies'] if a['id']=='doc'][0]")" \
	"['bis', 'nist', 'ntia']"
check_eq "CAISI's parent is NIST, NIST's is DOC, USCIS's is DHS" \
	"$(json "' '.join(a['id']+'>'+a['parent'] for a in d['agencies'] if a['id'] in ('caisi','nist','uscis'))" | tr ' ' '\n' | sort | tr '\n' ' ')" \
	"caisi>nist nist>doc uscis>dhs "
check_eq "agencies carry Chinese names" \
	"$(json "[a['name_zh'] for a in d['agencies'] if a['id']=='uscis'][0]")" "美国公民及移民服务局"

# roll-up: DOC matches records that name only NIST or CAISI
run $QUERY -d "$DB" search -k recommended_action -a DOC -n 0 -f json
with_sub=$(json "d['count']")
run $QUERY -d "$DB" search -k recommended_action -a DOC --exact-agency -n 0 -f json
exact=$(json "d['count']")
run $QUERY -d "$DB" search -k recommended_action -a CAISI --exact-agency -n 0 -f json
check_eq "CAISI-only records exist (I.2.3 names CAISI)" "$(json "'aiap:I.2.3' in [r['key'] for r in d['results']]")" True
check_eq "sub-agencies are included unless --exact-agency" "$([ "$with_sub" -ge "$exact" ] && echo yes)" yes

# names in any language resolve to the same body
run $QUERY -d "$DB" search -a 商务部 -n 0 -f json
zh=$(json "d['count']")
run $QUERY -d "$DB" search -a "Department of Commerce" -n 0 -f json
check_eq "-a 商务部 and -a 'Department of Commerce' agree" "$zh" "$(json "d['count']")"
run $QUERY -d "$DB" search -a doc -n 0 -f json
check_eq "-a doc (the id) agrees too" "$zh" "$(json "d['count']")"

# roles
run $QUERY -d "$DB" search -k recommended_action -a OSTP --role lead -n 0 -f json
check_eq "OSTP leads I.1.1 (Led by the Office of Science and Technology Policy)" \
	"$(json "'aiap:I.1.1' in [r['key'] for r in d['results']]")" True
run $QUERY -d "$DB" search -k recommended_action -a ODNI --role support -n 0 -f json
check_eq "ODNI supports I.4.3 (in coordination with) and II.7.1 (in collaboration with)" \
	"$(json "[r['key'] for r in d['results']]")" "['aiap:I.4.3', 'aiap:II.7.1']"
run $QUERY -d "$DB" show 'aiap:I.4.3' -f json
check_eq "records in JSON carry agencies with id, acronym, name, role" \
	"$(json "sorted((a['id'], a['role']) for a in d['results'][0]['agencies'])")" \
	"[('dod', 'lead'), ('ic', 'mentioned'), ('odni', 'support')]"

# Chinese names in the clippings
run $QUERY -d "$DB" search -a USCIS -l zh -n 0 -f json
check_eq "USCIS named in the Chinese H-1B article" \
	"$(json "d['count'] > 0 and all(r['document']['part'] == 3 for r in d['results'])")" True

# plan text in the style of pillars II and III (our own sentences)
run $INDEX --dump tests/fixtures/plan/unseen-style.txt
check_eq "pillar II/III actions with keys, pillars and sections" \
	"$(json "' '.join('%s/%d' % (r['key'], r['pillar']) for r in d if r['kind']=='recommended_action')")" \
	"aiap:II.1.1/2 aiap:II.1.2/2 aiap:III.1.1/3"
check_eq "Through X, Y, and Z: all lead; the council in coordination supports" \
	"$(json "[(a['id'], a['role']) for r in d if r['key']=='aiap:II.1.2' for a in r['agencies']]")" \
	"[('interior', 'lead'), ('doe', 'lead'), ('ferc', 'lead'), ('fpisc', 'support')]"
check_eq "..., led by X in collaboration with Y and the IC" \
	"$(json "[(a['id'], a['role']) for r in d if r['key']=='aiap:III.1.1' for a in r['agencies']]")" \
	"[('doc', 'lead'), ('dos', 'support'), ('ic', 'support')]"
printf 'Pillar II: Build\n\nSection\n\nRecommended Policy Actions\n\342\200\242 Led by DOC\342\200\231s revamped CHIPS Program Office, fund projects.\n' >"$TMP/chips.txt"
run $INDEX --dump "$TMP/chips.txt"
check_eq "X's <modifier> Office chain shares the lead" \
	"$(json "sorted((a['id'], a['role']) for r in d if r['kind']=='recommended_action' for a in r['agencies'])")" \
	"[('chips', 'lead'), ('doc', 'lead')]"

# errors
run $QUERY -d "$DB" search -a Comerce
check_rc "unknown agency is a usage error" 2
check_err "unknown agency suggests the nearest names" "unknown agency 'Comerce'; did you mean: .*doc"
run $QUERY -d "$DB" search -a DOC --role boss
check_rc "unknown role is a usage error" 2

# --- officials' titles and "acting through" (issue 18) ----------------------
mkdir -p "$TMP/ti"
cat > "$TMP/ti/titles.md" <<'END'
---
title: "Titles"
type: executive_order
date: 2026-03-02
---

Sec. 1. (a) The Assistant Secretary of Commerce for Communications and Information shall act.

(b) The Under Secretary of Commerce for Standards and Technology shall act.

(c) The Under Secretary of Commerce for Industry and Security shall act.

(d) The Commissioner of Food and Drugs shall act.

(e) The Chief Technology Officer of the United States shall act.

(f) The Federal Chief Information Officer shall act.

(g) The Secretary of Commerce shall submit to the President, through the Assistant to the President for National Security Affairs, a report.

(h) The Secretary of Commerce, acting through the Director of the National Institute of Standards and Technology, shall issue guidance.

(i) The Director of the Office of Management and Budget, through the Administrator of the Office of Information and Regulatory Affairs, shall act.

(j) The Archivist of the United States and the Commissioner of Social Security shall act.

(k) The Chairman of the Joint Chiefs of Staff shall advise.
END
tiroles() {
	$INDEX --dump "$TMP/ti/titles.md" | $PY -c "import json,sys
d = json.load(sys.stdin)
print(' '.join('%s=%s' % (r['key'].split(':')[-1], ','.join(a['id'] + ':' + a['role'] for a in r['agencies'])) for r in d))"
}
check_eq "officials' titles resolve to their offices; through the head of a body before the verb: both act, after it: a channel" \
	"$(tiroles)" "p1=ntia:lead p2=nist:lead p3=bis:lead p4=fda:lead p5=ostp:lead p6=omb:lead p7=doc:lead,nsc:mentioned p8=doc:lead,nist:lead p9=omb:lead,oira:lead p10=nara:lead,ssa:lead p11=jcs:lead"

# --- overlapping names: the longest wins, wherever it starts ---------------
printf '%s\n\n%s\n' \
	"The Director of the Office of Science and Technology Policy shall convene the agencies." \
	"The Secretary of Energy, acting through the Director of the Office of Science, shall fund the program." \
	>"$TMP/ti/overlap.txt"
check_eq "a title that starts a longer name ('Director of the Office of Science' in OSTP's head) loses to the name; alone it is its office" \
	"$($INDEX --dump "$TMP/ti/overlap.txt" | $PY -c "import json,sys
d = json.load(sys.stdin)
print(' '.join('%s=%s' % (r['key'].split(':')[-1], ','.join(a['id'] + ':' + a['role'] for a in r['agencies'])) for r in d))")" \
	"p1=ostp:lead p2=doe:lead,doe_sc:lead"

# --- bodies added to the gazetteer (issue 18) --------------------------------
# tests/fixtures/gazetteer/new-bodies.md: our own sentences naming bodies
# the gazetteer lacked, by acronym, name, alias and head's title, in English
# and in both Chinese scripts; acronyms that are also other things (FRA,
# BOP, NPS, NGA, NEA, OSC: taken after "the"; FTA: a trade agreement too, not
# listed; "Rural Development" only capitalized, after "the", "through", ...)
# stay out.
GZ=tests/fixtures/gazetteer/new-bodies.md
gzroles() {
	$INDEX --dump "$GZ" | $PY -c "import json,sys
d = json.load(sys.stdin)
print(' '.join('%s=%s' % (r['key'].split(':')[-1], ','.join(a['id'] + ':' + a['role'] for a in r['agencies'])) for r in d))"
}
check_eq "new bodies by acronym, name, alias and title, in English, simplified and traditional Chinese" \
	"$(gzroles)" \
	"p1=osha:lead p2=osha:lead p3=whd:lead,ebsa:support p4=fhwa:lead,nhtsa:lead p5=occ:lead,fincen:support p6=doj_antitrust:lead p7=hhs:lead,hrsa:lead p8= p9=fra:lead p10=doe:lead,arpa_e:lead,doe_lpo:lead p11=usbr:lead,boem:support,bsee:support p12=usda_rd:lead,rus:mentioned,fsa:support p13=ussf:lead,usmc:lead,cybercom:mentioned p14=usss:lead,dhs_st:support p15=dos_ca:lead p16= p17=gao:lead,cbo:lead p18=copyright_office:lead,loc:support p19=doge:lead,fhfa:support,ntsb:support p20=stb:lead,amtrak:lead p21= p22=osha:lead p23=doj_antitrust:lead p24=fhwa:lead p25=osha:lead p26=dea:lead p27=fra:lead p28=doe_lpo:lead p29=usbr:lead p30=ussf:lead p31=usss:lead p32=nps:lead p33=cybercom:lead p34=gao:lead p35=copyright_office:lead p36=doge:lead p37=gao:lead p38=cbo:lead p39=copyright_office:lead"
mkdir -p "$TMP/gz"
cp "$GZ" "$TMP/gz/"
GDB="$TMP/gz.db"
run $INDEX -q -d "$GDB" "$TMP/gz"
check_rc "index the new-bodies fixture" 0
run $QUERY -d "$GDB" agencies -f json
check_eq "new bodies carry their parent and Chinese name" \
	"$(json "' '.join('%s>%s/%s' % (a['id'], a['parent'], a['name_zh']) for a in d['agencies'] if a['id'] in ('osha', 'fincen', 'doj_antitrust', 'hrsa', 'fra', 'ussf', 'rus', 'usbr', 'copyright_office', 'doge'))" | tr ' ' '\n' | sort | tr '\n' ' ')" \
	"copyright_office>loc/美国版权局 doge>eop/政府效率部 doj_antitrust>doj/司法部反垄断司 fincen>treasury/金融犯罪执法网络 fra>dot/美国联邦铁路管理局 hrsa>hhs/卫生资源和服务管理局 osha>dol/美国职业安全与健康管理局 rus>usda_rd/农村公用事业局 usbr>interior/美国垦务局 ussf>airforce/美国太空军 "
gzkeys() {
	run $QUERY -d "$GDB" search "$@" -n 0 -f json
	json "' '.join(sorted(r['key'].split(':')[-1] for r in d['results']))"
}
check_eq "-a OSHA finds the records naming it in any language" "$(gzkeys -a OSHA)" "p1 p2 p22 p25"
check_eq "-a 职业安全与健康管理局 (simplified) and -a 美國職業安全衛生署 (traditional) agree" \
	"$(gzkeys -a 职业安全与健康管理局) / $(gzkeys -a 美國職業安全衛生署)" "p1 p2 p22 p25 / p1 p2 p22 p25"
check_eq "-a 'Assistant Secretary of Labor for Occupational Safety and Health' (a title) agrees" \
	"$(gzkeys -a 'Assistant Secretary of Labor for Occupational Safety and Health')" "p1 p2 p22 p25"
check_eq "-a DOL rolls up OSHA, WHD and EBSA; --exact-agency does not" \
	"$(gzkeys -a DOL) / $(gzkeys -a DOL --exact-agency)" "p1 p2 p22 p25 p3 / "
check_eq "-a Treasury rolls up OCC and FinCEN" "$(gzkeys -a treasury)" "p5"
check_eq "-a Interior rolls up Reclamation, BOEM, BSEE and NPS" "$(gzkeys -a Interior)" "p11 p29 p32"
check_eq "-a 'Department of the Air Force' rolls up the Space Force, -a DOD two levels down too" \
	"$(gzkeys -a 'Department of the Air Force') / $(gzkeys -a DOD)" "p13 p30 / p13 p30 p33"
check_eq "-a USSF, -a 'U.S. Space Force', -a 美国太空军 and -a 美國太空軍 agree" \
	"$(gzkeys -a USSF) / $(gzkeys -a 'U.S. Space Force') / $(gzkeys -a 美国太空军) / $(gzkeys -a 美國太空軍)" \
	"p13 p30 / p13 p30 / p13 p30 / p13 p30"
check_eq "-a USDA rolls up Rural Development and, below it, the Rural Utilities Service" "$(gzkeys -a USDA)" "p12"
check_eq "-a GAO, -a 'Comptroller General' (a title), -a 美国政府问责局 and -a 美國政府課責署 agree" \
	"$(gzkeys -a GAO) / $(gzkeys -a 'Comptroller General') / $(gzkeys -a 美国政府问责局) / $(gzkeys -a 美國政府課責署)" \
	"p17 p34 p37 / p17 p34 p37 / p17 p34 p37 / p17 p34 p37"
check_eq "-a 'Library of Congress' rolls up the Copyright Office" "$(gzkeys -a 'Library of Congress')" "p18 p35 p39"
check_eq "-a 'U.S. DOGE Service' and -a 政府效率部 find DOGE" \
	"$(gzkeys -a 'U.S. DOGE Service') / $(gzkeys -a 政府效率部)" "p19 p36 / p19 p36"

# --- news: a body's statement and act, its head named (issue 18) ------------
# tests/fixtures/agencies/news-forms.md, our own sentences: "X said" is X
# acting, as 表示 and 指出 are in Chinese; "Commerce Secretary Howard
# Lutnick said" is the department's head; a body whose officials only
# decline to comment, or whose head praises, is mentioned.
check_eq "news: statements and acts lead, with the head named between; comment and praise mention" \
	"$($INDEX --dump tests/fixtures/agencies/news-forms.md | $PY -c "import json,sys
d = json.load(sys.stdin)
print(' '.join('%s=%s' % (r['key'].split(':')[-1], ','.join(a['id'] + ':' + a['role'] for a in r['agencies'])) for r in d if r['agencies']))")" \
	"p1=doc:lead p2=treasury:lead p3=doe:lead p4=dhs:lead p5=dol:mentioned p6=epa:lead p7=dol:lead p8=doc:lead p9=dos:lead p10=dod:lead p11=dos:lead p12=dhs:mentioned p13=doj:lead p14=fcc:lead"

finish
