// Pulumi resources as the model sees them: arguments renamed to the Terraform provider's names,
// and the outputs other resources refer to (`role.name`, `role.arn`, `policy.arn`) synthesized
// from the arguments, with Pulumi's autonaming, so that references link and names match.

import type { Loc } from '../../model/loc';
import { hole, type Part, type PStr, type SelfSymbol } from '../../model/pstr';
import type { IacResource, Tri, Unit } from '../../model/resources';
import { getEntry, type ObjEntry, type ObjVal, type Val } from '../../model/value';
import { joinParts, linkVal, objVal, strVal, toPStr, unknownVal } from '../values';
import { tfArgName, type ResourceKind } from './resourceTypes';

/** One `new aws.iam.Role(...)` (or Pulumi YAML resource); arguments are evaluated on first use. */
export class PulumiResource {
  private argsVal?: ObjVal;
  private computing = false;
  /** 'unknown' when created inside a condition, loop or function. */
  exists: Tri = 'yes';

  constructor(
    readonly kind: ResourceKind,
    /** Unique in its file: `aws.iam.Role ci-role`. */
    readonly address: string,
    /** The logical name (the first constructor argument). */
    readonly logicalName: Val,
    readonly loc: Loc,
    /** Where resource-level findings go: the constructor and its name. */
    readonly labelLoc: Loc,
    private readonly computeArgs: () => ObjVal,
  ) {}

  /** The evaluated arguments, with Pulumi's names; undefined while they are being evaluated (a cycle). */
  args(): ObjVal | undefined {
    if (this.argsVal || this.computing) return this.argsVal;
    this.computing = true;
    try {
      this.argsVal = this.computeArgs();
    } finally {
      this.computing = false;
    }
    return this.argsVal;
  }
}

/** The resource as the model reads it (Terraform type and argument names). */
export function toIacResource(r: PulumiResource, unit: Unit): IacResource {
  const args = r.args() ?? objVal([], r.loc, 'the arguments refer to the resource itself');
  const entries: ObjEntry[] = args.entries.map((e) => ({ ...e, key: tfArgName(r.kind, e.key) }));
  return {
    type: r.kind.tfType,
    address: r.address,
    unit,
    loc: r.loc,
    labelLoc: r.labelLoc,
    props: objVal(entries, args.loc, args.more),
    exists: r.exists,
  };
}

/** Hands out unique addresses: a second resource with the same name gets ` #2`, and so on. */
export class AddressBook {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  unique(base: string): string {
    let n = this.next.get(base) ?? 1;
    let address = n === 1 ? base : `${base} #${n}`;
    while (this.taken.has(address)) address = `${base} #${++n}`;
    this.next.set(base, n + 1);
    this.taken.add(address);
    return address;
  }
}

const SELF_REASON: Record<SelfSymbol, string> = {
  partition: 'the partition of the deploying account',
  account: 'the deploying account',
  region: 'the deploying region',
};

/** A hole for the deploying account, region or partition (equal to itself everywhere in a check). */
export function selfHole(symbol: SelfSymbol, loc: Loc): Part {
  return hole(SELF_REASON[symbol], loc, symbol);
}

/** The value of `resource.<attr>` at `useLoc`, linked to the resource for the model. */
export function resourceAttr(r: PulumiResource, attr: string, useLoc: Loc): Val {
  return linkVal(synthesize(r, attr, useLoc), { resource: r.address, attr }, useLoc);
}

type Synth = (r: PulumiResource, loc: Loc) => Val;

const name: Synth = (r, loc) => strVal(nameOf(r, loc), loc);

function iamArn(kind: string): Synth {
  return (r, loc) =>
    strVal(
      joinParts([
        'arn:',
        selfHole('partition', loc),
        ':iam::',
        selfHole('account', loc),
        `:${kind}`,
        pathOf(r, loc),
        nameOf(r, loc),
      ]),
      loc,
    );
}

const OUTPUTS: Readonly<Record<string, Readonly<Record<string, Synth>>>> = {
  aws_iam_role: { name, id: name, arn: iamArn('role') },
  aws_iam_policy: { name, arn: iamArn('policy'), id: iamArn('policy') },
  aws_iam_user: { name, id: name, arn: iamArn('user') },
  aws_iam_role_policy: { name, id: (r, loc) => strVal(joinParts([argText(r, 'role', loc), ':', nameOf(r, loc)]), loc) },
};

function synthesize(r: PulumiResource, attr: string, loc: Loc): Val {
  const synth = OUTPUTS[r.kind.tfType]?.[attr];
  if (synth) return synth(r, loc);
  const args = r.args();
  const given = args && getEntry(args, attr);
  if (given) return given.value;
  return unknownVal(`${r.address}.${attr} is known only after deployment`, loc);
}

/** The physical name: `name`, else `namePrefix` plus a random suffix, else Pulumi's autoname. */
function nameOf(r: PulumiResource, loc: Loc): PStr {
  const args = r.args();
  if (args && getEntry(args, 'name')) return argText(r, 'name', loc);
  if (args && getEntry(args, 'namePrefix'))
    return joinParts([argText(r, 'namePrefix', loc), hole('Pulumi appends a random suffix to namePrefix', loc)]);
  const logical = toPStr(r.logicalName) ?? { parts: [hole(`the name of ${r.address} is not known`, loc)] };
  return joinParts([logical, '-', hole(`Pulumi appends a random suffix to the resource name ${r.address}`, loc)]);
}

function pathOf(r: PulumiResource, loc: Loc): PStr {
  const args = r.args();
  return args && getEntry(args, 'path') ? argText(r, 'path', loc) : { parts: ['/'] };
}

function argText(r: PulumiResource, arg: string, loc: Loc): PStr {
  const v = r.args() && getEntry(r.args()!, arg)?.value;
  if (v?.k === 'unknown') return { parts: [hole(v.reason, v.loc)] };
  return (v && toPStr(v)) ?? { parts: [hole(`${r.address} ${arg} is not a string`, loc)] };
}
