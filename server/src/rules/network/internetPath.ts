import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import type { IacResource } from '../../model/resources';
import type { Val } from '../../model/value';
import { finding, undecided } from '../support/report';
import { isText, isTrue, resourcesIn, scalars, valuesAt } from './shared';

const GATEWAYS = new Set([
  'aws_internet_gateway',
  'aws_egress_only_internet_gateway',
  'aws_nat_gateway',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::NatGateway',
]);

/** Where an open CIDR or a public-IP switch can appear, per resource type. */
const CIDR_PATHS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  aws_security_group: [
    ['egress', 'cidr_blocks'],
    ['egress', 'ipv6_cidr_blocks'],
  ],
  aws_security_group_rule: [['cidr_blocks'], ['ipv6_cidr_blocks']],
  aws_vpc_security_group_egress_rule: [['cidr_ipv4'], ['cidr_ipv6']],
  aws_route: [['destination_cidr_block'], ['destination_ipv6_cidr_block']],
  aws_route_table: [
    ['route', 'cidr_block'],
    ['route', 'ipv6_cidr_block'],
  ],
  'AWS::EC2::SecurityGroup': [
    ['SecurityGroupEgress', 'CidrIp'],
    ['SecurityGroupEgress', 'CidrIpv6'],
  ],
  'AWS::EC2::SecurityGroupEgress': [['CidrIp'], ['CidrIpv6']],
  'AWS::EC2::Route': [['DestinationCidrBlock'], ['DestinationIpv6CidrBlock']],
};
const PUBLIC_IP_PATHS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  aws_subnet: [['map_public_ip_on_launch']],
  aws_instance: [['associate_public_ip_address']],
  aws_launch_template: [['network_interfaces', 'associate_public_ip_address']],
  aws_ecs_service: [['network_configuration', 'assign_public_ip']],
  'AWS::EC2::Subnet': [['MapPublicIpOnLaunch']],
  'AWS::EC2::Instance': [['NetworkInterfaces', 'AssociatePublicIpAddress']],
  'AWS::ECS::Service': [['NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp']],
};

/**
 * PG601. Compliant mode only: fires when an internet path exists — an internet or NAT gateway,
 * egress or a route to `0.0.0.0/0` / `::/0`, or a public IP on launch. Compliant nodes process
 * regulated data and must reach AWS only through VPC endpoints. Fix: remove the path and use
 * VPC endpoints.
 */
export const internetPath: Rule = {
  id: 'PG601',
  severity: 'error',
  title: 'Internet path in compliant mode',
  summary: 'In compliant mode, an internet gateway, NAT gateway, open egress route or public IP exists.',
  check({ model }) {
    const out: Finding[] = [];
    const compliant = model.resources.filter((r) => r.unit.mode.value === 'compliant' && r.exists !== 'no');
    for (const r of resourcesIn(compliant, GATEWAYS))
      out.push(finding(this, r.labelLoc, `Compliant mode allows no internet path: remove ${r.address}`));
    for (const r of compliant) {
      const ruleType = r.type === 'aws_security_group_rule' ? valuesAt(r.props, ['type'])[0] : undefined;
      if (ruleType && !isText(ruleType, 'egress')) continue;
      for (const path of CIDR_PATHS[r.type] ?? []) out.push(...openCidrs(this, r, path));
      for (const path of PUBLIC_IP_PATHS[r.type] ?? []) {
        for (const v of valuesAt(r.props, path)) {
          if (isTrue(v)) out.push(finding(this, v.loc, `Compliant mode allows no public IPs: ${r.address}`));
          else if (v.k === 'unknown') out.push(undecided(this, v.loc, 'whether a public IP is assigned', v.reason));
        }
      }
    }
    return out;
  },
};

function openCidrs(rule: Rule, r: IacResource, path: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const v of valuesAt(r.props, path).flatMap(scalars)) {
    if (isText(v, '0.0.0.0/0', '::/0'))
      out.push(
        finding(rule, v.loc, `Compliant mode allows no route or egress to the internet: ${cidr(v)} in ${r.address}`),
      );
    else if (v.k === 'unknown') out.push(undecided(rule, v.loc, 'whether this opens an internet path', v.reason));
  }
  return out;
}

function cidr(v: Val): string {
  return v.k === 'str' ? String(v.s.parts[0]) : '';
}
