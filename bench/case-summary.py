"""Per kind of document, the ranges of our cost against jsonschema's, from the rows of
bench/callgrind-rows.sh, read from the file named or standard input: `bench/case-summary.py rows.txt`."""
import sys, re, collections
rows=[]
for line in (open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin):
    parts=line.split()
    if not parts or '=' not in line: continue
    case=parts[0]; d={}
    for p in parts[1:]:
        k,v=p.split('='); d[k]=float(v)
    rows.append((case,d))
def kind(case):
    c=case.split('/')
    k=c[1] if c[0]=='response' else c[0]
    k=re.sub(r'example-\d+','example',k)
    return ('response/' if c[0]=='response' else '')+k
pairs=[('is_valid','generated_is_valid','unified_is_valid'),('validate','generated_errors','unified_validate'),('rendered','reference_errors_rendered','unified_validate_rendered')]
for name,theirs,ours in pairs:
    by=collections.defaultdict(list)
    for case,d in rows:
        if theirs in d and ours in d:
            k=kind(case)
            by[k].append((d[theirs]/d[ours],case))
    print(f"## {name}: theirs/ours (>=1 means we are at least as fast)")
    tot=0;lose=0
    for k,v in by.items():
        l=[x for x in v if x[0]<1]; tot+=len(v); lose+=len(l)
        print(f"  {k:28s} {min(x[0] for x in v):5.2f}x..{max(x[0] for x in v):5.2f}x  behind on {len(l)}/{len(v)}" + (f"  worst {min(v)[1]}" if l else ""))
    print(f"  total behind on {lose}/{tot}")
print("## valid input (minimal and full): runtime jsonschema is_valid / ours; view / serde alone")
for k in ['minimal','full','response/minimal','response/full']:
    sp=[];vr=[]
    for case,d in rows:
        if kind(case)==k and 'reference_is_valid' in d:
            sp.append((d['reference_is_valid']/d['unified_is_valid'],case))
            vr.append((d['view_read']/d['serde_typed'],case))
    if sp:
        print(f"  {k:20s} speed-up {min(sp)[0]:.2f}x..{max(sp)[0]:.2f}x (under 5x on {sum(1 for x in sp if x[0]<5)}/{len(sp)})  view/serde {min(vr)[0]:.2f}x..{max(vr)[0]:.2f}x (over 1.1x on {sum(1 for x in vr if x[0]>1.1)}/{len(vr)})")
print("## is_valid behind the generated validator: is the walk through serde's protocol alone (serde_walk, no rule checked) already slower?")
walked=collections.defaultdict(lambda: [0, 0])
for case,d in rows:
    if 'serde_walk' in d and 'generated_is_valid' in d and 'unified_is_valid' in d and d['unified_is_valid'] > d['generated_is_valid']:
        w=walked[kind(case)]; w[0]+=1
        if d['serde_walk'] >= d['generated_is_valid']: w[1]+=1
for k,(behind,bounded) in walked.items():
    print(f"  {k:28s} behind on {behind}; the walk alone costs more than the generated check on {bounded} of them")
print(f"  total: {sum(w[1] for w in walked.values())} of {sum(w[0] for w in walked.values())}")
