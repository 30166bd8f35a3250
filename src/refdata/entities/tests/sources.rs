//! The directory against the lists it cites: the CEB's members, the UN System chart, the
//! convention secretariats.

use super::*;

/// The members of the Chief Executives Board as https://unsceb.org/faq lists them (read on
/// 7 December 2026): "UN – Secretary-General" is the United Nations itself.
const CEB_MEMBERS: &[&str] = &[
    "UN",
    "ILO",
    "FAO",
    "UNESCO",
    "ICAO",
    "WHO",
    "WBG",
    "IMF",
    "UPU",
    "ITU",
    "WMO",
    "IMO",
    "WIPO",
    "IFAD",
    "UNIDO",
    "UNWTO",
    "IAEA",
    "WTO",
    "IOM",
    "UNCTAD",
    "UNDP",
    "UNEP",
    "UNHCR",
    "UNRWA",
    "UNICEF",
    "UNFPA",
    "WFP",
    "UNODC",
    "UN HABITAT",
    "UN Women",
    "UNOPS",
];

#[test]
fn every_ceb_member_and_no_other_is_marked_so() {
    let mut members: Vec<&str> = CEB_MEMBERS.iter().map(|m| found(m).name).collect();
    assert!(
        CEB_MEMBERS.iter().all(|m| found(m).ceb),
        "a member not marked"
    );
    members.sort_unstable();
    members.dedup();
    assert_eq!(members.len(), 31, "two members found the same entry");
    let marked = directory().iter().filter(|e| e.ceb).count();
    assert_eq!(marked, 31);
}

/// The UN System chart (DGC, 25-00005, March 2025) as it writes each entity: the short form
/// (none for the three offices of its note 7) and the name, by group. IBRD, IDA and IFC
/// are listed under the World Bank Group, which the directory holds as one entry.
const CHART: &[(Group, Option<&str>, &str)] = &[
    (
        Group::FundOrProgramme,
        Some("UNDP"),
        "United Nations Development Programme",
    ),
    (
        Group::FundOrProgramme,
        Some("UNCDF"),
        "United Nations Capital Development Fund",
    ),
    (
        Group::FundOrProgramme,
        Some("UNV"),
        "United Nations Volunteers",
    ),
    (
        Group::FundOrProgramme,
        Some("UNEP"),
        "United Nations Environment Programme",
    ),
    (
        Group::FundOrProgramme,
        Some("UNFPA"),
        "United Nations Population Fund",
    ),
    (
        Group::FundOrProgramme,
        Some("UN-HABITAT"),
        "United Nations Human Settlements Programme",
    ),
    (
        Group::FundOrProgramme,
        Some("UNICEF"),
        "United Nations Children’s Fund",
    ),
    (Group::FundOrProgramme, Some("WFP"), "World Food Programme"),
    (
        Group::ResearchAndTraining,
        Some("UNIDIR"),
        "United Nations Institute for Disarmament Research",
    ),
    (
        Group::ResearchAndTraining,
        Some("UNITAR"),
        "United Nations Institute for Training and Research",
    ),
    (
        Group::ResearchAndTraining,
        Some("UNSSC"),
        "United Nations System Staff College",
    ),
    (
        Group::ResearchAndTraining,
        Some("UNU"),
        "United Nations University",
    ),
    (
        Group::ResearchAndTraining,
        Some("UNICRI"),
        "United Nations Interregional Crime and Justice Research Institute",
    ),
    (
        Group::ResearchAndTraining,
        Some("UNRISD"),
        "United Nations Research Institute for Social Development",
    ),
    (
        Group::OtherEntity,
        Some("ITC"),
        "International Trade Centre",
    ),
    (
        Group::OtherEntity,
        Some("UNCTAD"),
        "United Nations Conference on Trade and Development",
    ),
    (
        Group::OtherEntity,
        Some("UNHCR"),
        "Office of the United Nations High Commissioner for Refugees",
    ),
    (
        Group::OtherEntity,
        Some("UNOPS"),
        "United Nations Office for Project Services",
    ),
    (
        Group::OtherEntity,
        Some("UNRWA"),
        "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
    ),
    (
        Group::OtherEntity,
        Some("UN-WOMEN"),
        "United Nations Entity for Gender Equality and the Empowerment of Women",
    ),
    (
        Group::RelatedOrganization,
        Some("CTBTO"),
        "Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization",
    ),
    (
        Group::RelatedOrganization,
        Some("IAEA"),
        "International Atomic Energy Agency",
    ),
    (
        Group::RelatedOrganization,
        Some("ICC"),
        "International Criminal Court",
    ),
    (
        Group::RelatedOrganization,
        Some("IOM"),
        "International Organization for Migration",
    ),
    (
        Group::RelatedOrganization,
        Some("ISA"),
        "International Seabed Authority",
    ),
    (
        Group::RelatedOrganization,
        Some("ITLOS"),
        "International Tribunal for the Law of the Sea",
    ),
    (
        Group::RelatedOrganization,
        Some("OPCW"),
        "Organization for the Prohibition of Chemical Weapons",
    ),
    (
        Group::RelatedOrganization,
        Some("WTO"),
        "World Trade Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("FAO"),
        "Food and Agriculture Organization of the United Nations",
    ),
    (
        Group::SpecializedAgency,
        Some("ICAO"),
        "International Civil Aviation Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("IFAD"),
        "International Fund for Agricultural Development",
    ),
    (
        Group::SpecializedAgency,
        Some("ILO"),
        "International Labour Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("IMF"),
        "International Monetary Fund",
    ),
    (
        Group::SpecializedAgency,
        Some("IMO"),
        "International Maritime Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("ITU"),
        "International Telecommunication Union",
    ),
    (
        Group::SpecializedAgency,
        Some("UNESCO"),
        "United Nations Educational, Scientific and Cultural Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("UNIDO"),
        "United Nations Industrial Development Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("UN TOURISM"),
        "World Tourism Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("UPU"),
        "Universal Postal Union",
    ),
    (
        Group::SpecializedAgency,
        Some("WHO"),
        "World Health Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("WIPO"),
        "World Intellectual Property Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("WMO"),
        "World Meteorological Organization",
    ),
    (
        Group::SpecializedAgency,
        Some("WORLD BANK GROUP"),
        "World Bank Group",
    ),
    (
        Group::SpecializedAgency,
        Some("IBRD"),
        "International Bank for Reconstruction and Development",
    ),
    (
        Group::SpecializedAgency,
        Some("IDA"),
        "International Development Association",
    ),
    (
        Group::SpecializedAgency,
        Some("IFC"),
        "International Finance Corporation",
    ),
    (
        Group::RegionalCommission,
        Some("ECA"),
        "Economic Commission for Africa",
    ),
    (
        Group::RegionalCommission,
        Some("ECE"),
        "Economic Commission for Europe",
    ),
    (
        Group::RegionalCommission,
        Some("ECLAC"),
        "Economic Commission for Latin America and the Caribbean",
    ),
    (
        Group::RegionalCommission,
        Some("ESCAP"),
        "Economic and Social Commission for Asia and the Pacific",
    ),
    (
        Group::RegionalCommission,
        Some("ESCWA"),
        "Economic and Social Commission for Western Asia",
    ),
    (
        Group::OtherBody,
        Some("UNAIDS"),
        "Joint United Nations Programme on HIV/AIDS",
    ),
    (
        Group::Secretariat,
        Some("EOSG"),
        "Executive Office of the Secretary-General",
    ),
    (
        Group::Secretariat,
        Some("DCO"),
        "Development Coordination Office",
    ),
    (
        Group::Secretariat,
        Some("DESA"),
        "Department of Economic and Social Affairs",
    ),
    (
        Group::Secretariat,
        Some("DGACM"),
        "Department for General Assembly and Conference Management",
    ),
    (
        Group::Secretariat,
        Some("DGC"),
        "Department of Global Communications",
    ),
    (
        Group::Secretariat,
        Some("DMSPC"),
        "Department of Management Strategy, Policy and Compliance",
    ),
    (
        Group::Secretariat,
        Some("DOS"),
        "Department of Operational Support",
    ),
    (
        Group::Secretariat,
        Some("DPO"),
        "Department of Peace Operations",
    ),
    (
        Group::Secretariat,
        Some("DPPA"),
        "Department of Political and Peacebuilding Affairs",
    ),
    (
        Group::Secretariat,
        Some("DSS"),
        "Department of Safety and Security",
    ),
    (
        Group::Secretariat,
        Some("OCHA"),
        "Office for the Coordination of Humanitarian Affairs",
    ),
    (
        Group::Secretariat,
        Some("OCT"),
        "Office of Counter-Terrorism",
    ),
    (
        Group::Secretariat,
        Some("ODA"),
        "Office for Disarmament Affairs",
    ),
    (
        Group::Secretariat,
        Some("ODET"),
        "Office for Digital and Emerging Technologies",
    ),
    (
        Group::Secretariat,
        Some("OHCHR"),
        "Office of the United Nations High Commissioner for Human Rights",
    ),
    (
        Group::Secretariat,
        Some("OIOS"),
        "Office of Internal Oversight Services",
    ),
    (Group::Secretariat, Some("OLA"), "Office of Legal Affairs"),
    (
        Group::Secretariat,
        Some("OOSA"),
        "Office for Outer Space Affairs",
    ),
    (
        Group::Secretariat,
        Some("OSAA"),
        "Office of the Special Adviser on Africa",
    ),
    (
        Group::Secretariat,
        Some("SRSG/CAAC"),
        "Office of the Special Representative of the Secretary-General for Children and Armed Conflict",
    ),
    (
        Group::Secretariat,
        Some("SRSG/SVC"),
        "Office of the Special Representative of the Secretary-General on Sexual Violence in Conflict",
    ),
    (
        Group::Secretariat,
        Some("SRSG/VAC"),
        "Office of the Special Representative of the Secretary-General on Violence Against Children",
    ),
    (
        Group::Secretariat,
        Some("UNDRR"),
        "United Nations Office for Disaster Risk Reduction",
    ),
    (
        Group::Secretariat,
        Some("UNODC"),
        "United Nations Office on Drugs and Crime",
    ),
    (
        Group::Secretariat,
        Some("UNOG"),
        "United Nations Office at Geneva",
    ),
    (
        Group::Secretariat,
        Some("UN-OHRLLS"),
        "Office of the High Representative for the Least Developed Countries, Landlocked Developing Countries and Small Island Developing States",
    ),
    (
        Group::Secretariat,
        Some("UNON"),
        "United Nations Office at Nairobi",
    ),
    (
        Group::Secretariat,
        Some("UNOP"),
        "United Nations Office for Partnerships",
    ),
    (
        Group::Secretariat,
        Some("UNOV"),
        "United Nations Office at Vienna",
    ),
    (
        Group::Secretariat,
        Some("UN YOUTH"),
        "United Nations Youth Office",
    ),
    (Group::Secretariat, None, "the Ethics Office"),
    (
        Group::Secretariat,
        None,
        "United Nations Ombudsman and Mediation Services",
    ),
    (
        Group::Secretariat,
        None,
        "the Office of Administration of Justice",
    ),
];

/// Entries that are not on the chart, by their short form: the Secretariat itself and the
/// offices and funds the UN System Chart navigator adds. Every convention secretariat is
/// off the chart too.
const OFF_THE_CHART: &[&str] = &["UN", "OICT", "UNGC", "UNOSSC"];

#[test]
fn every_entity_on_the_un_system_chart_is_in_its_group() {
    for (group, acronym, name) in CHART {
        let by_name = found(name);
        assert_eq!(by_name.group, *group, "{name}");
        if let Some(acronym) = acronym {
            assert_eq!(found(acronym), by_name, "{acronym} / {name}");
        }
    }
}

#[test]
fn the_directory_is_the_chart_plus_what_it_leaves_out() {
    use std::collections::HashMap;
    let mut on_chart: Vec<&str> = CHART.iter().map(|(_, _, name)| found(name).name).collect();
    on_chart.sort_unstable();
    on_chart.dedup();
    // IBRD, IDA and IFC are the World Bank Group's.
    assert_eq!(on_chart.len(), CHART.len() - 3);
    let mut by_group: HashMap<Group, usize> = HashMap::new();
    for entity in directory() {
        let listed = on_chart.contains(&entity.name)
            || OFF_THE_CHART.contains(&short(entity))
            || entity.group == Group::ConventionSecretariat;
        assert!(listed, "{} is on no cited list", entity.name);
        *by_group.entry(entity.group).or_default() += 1;
    }
    let expected = [
        (Group::Secretariat, 30 + 3 + 3),
        (Group::RegionalCommission, 5),
        (Group::FundOrProgramme, 8 + 1),
        (Group::ResearchAndTraining, 6),
        (Group::OtherEntity, 6),
        (Group::SpecializedAgency, 15),
        (Group::RelatedOrganization, 8),
        (Group::OtherBody, 1),
        (Group::ConventionSecretariat, 8),
    ];
    for (group, count) in expected {
        assert_eq!(by_group.get(&group), Some(&count), "{group:?}");
    }
    assert_eq!(
        directory().len(),
        expected.iter().map(|(_, n)| n).sum::<usize>()
    );
}

/// The convention secretariats as UNEP's "Links to UNEP MEA Secretariats" and InforMEA name
/// the conventions (UNEP's page runs "Convention" and "on" together for Rotterdam's).
const CONVENTIONS: &[(&str, &str)] = &[
    ("Convention on Biological Diversity (CBD)", "CBD"),
    (
        "Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES)",
        "CITES",
    ),
    (
        "Convention on the Conservation of Migratory Species of Wild Animals (CMS)",
        "CMS",
    ),
    (
        "Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and Their Disposal (Basel Convention)",
        "BRS",
    ),
    (
        "Stockholm Convention on Persistent Organic Pollutants (POPS)",
        "BRS",
    ),
    (
        "Rotterdam Convention on Prior Informed Consent Procedure for Certain Hazardous Chemicals and Pesticides in International Trade (PIC)",
        "BRS",
    ),
    (
        "Vienna Convention for the Protection of the Ozone Layer & Montreal Protocol on Substances that Deplete the Ozone Layer (Ozone Convention & Protocol)",
        "Ozone Secretariat",
    ),
    (
        "United Nations Convention to Combat Desertification in those Countries Experiencing Serious Drought and/or Desertification, Particularly in Africa",
        "UNCCD",
    ),
    (
        "Minamata Convention on Mercury",
        "Minamata Convention on Mercury",
    ),
    (
        "United Nations Framework Convention on Climate Change",
        "UNFCCC",
    ),
];

#[test]
fn every_convention_secretariat_the_sources_list() {
    for (written, want) in CONVENTIONS {
        assert_eq!(short(found(written)), *want, "{written}");
    }
}
