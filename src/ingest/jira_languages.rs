//! Jira writes a CSV export's column headers in the exporting user's UI language. Each
//! table below gives one language's names for the standard columns, and the words it
//! puts before a custom field's name (`Campo personalizado (Story Points)` is English
//! `Custom field (Story Points)`); [`FieldMap`](super::fields::FieldMap) knows them all
//! by default, so such an export reads with no `[fields]` table.
//!
//! The names are those of real exports where one was seen (Spanish: a Jira Cloud export
//! of 2025; German: a Jira Cloud header row), else Jira's published translations. Columns
//! Jira leaves in English in every language (`Sprint`, `Parent summary`) are found by
//! the English names.

use crate::backlog::Field;

/// One UI language's column names.
pub struct Language {
    pub name: &'static str,
    /// What stands before ` (name)` in a custom field's column, in place of `Custom field`.
    pub custom_field: &'static [&'static str],
    /// Names per field, most preferred first (a key before a numeric id).
    pub columns: &'static [(Field, &'static [&'static str])],
}

impl Language {
    /// This language's names for `field`.
    pub fn names(&self, field: Field) -> &'static [&'static str] {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[], |(_, names)| names)
    }
}

/// The languages whose exports are read without configuration.
pub const LANGUAGES: [&Language; 5] = [&SPANISH, &PORTUGUESE, &FRENCH, &GERMAN, &ITALIAN];

/// The English custom-field prefix all the others stand for.
pub const CUSTOM_FIELD: &str = "Custom field";

const SPANISH: Language = Language {
    name: "Spanish",
    custom_field: &["Campo personalizado"],
    columns: &[
        (Field::Key, &["Clave de incidencia", "Clave"]),
        (Field::Summary, &["Resumen"]),
        (Field::Description, &["Descripción"]),
        (Field::AcceptanceCriteria, &["Criterios de aceptación"]),
        (Field::IssueType, &["Tipo de Incidencia"]),
        (Field::Status, &["Estado"]),
        (Field::StatusCategory, &["Categoría de estado"]),
        (Field::Priority, &["Prioridad"]),
        (Field::Estimate, &["Puntos de historia"]),
        (Field::Parent, &["Clave principal", "Principal"]),
        (Field::ParentSummary, &["Resumen principal"]),
        (Field::Labels, &["Etiquetas"]),
        (Field::Assignee, &["Persona asignada", "Responsable"]),
        (Field::Created, &["Creada"]),
        (Field::Updated, &["Actualizada"]),
        (Field::Rank, &["Clasificación"]),
        (
            Field::BlockedBy,
            &["Enlace a la incidencia interna (Blocks)"],
        ),
        (Field::Blocks, &["Enlace de incidencia saliente (Blocks)"]),
    ],
};

const PORTUGUESE: Language = Language {
    name: "Portuguese",
    custom_field: &["Campo personalizado"],
    columns: &[
        (Field::Key, &["Chave da item", "Chave do item", "Chave"]),
        (Field::Summary, &["Resumo"]),
        (Field::Description, &["Descrição"]),
        (Field::AcceptanceCriteria, &["Critérios de aceitação"]),
        (Field::IssueType, &["Tipo de item"]),
        (Field::StatusCategory, &["Categoria do status"]),
        (Field::Priority, &["Prioridade"]),
        (Field::Estimate, &["Pontos da história"]),
        (Field::Parent, &["Chave pai", "Pai"]),
        (Field::ParentSummary, &["Resumo pai"]),
        (Field::Labels, &["Rótulos"]),
        (Field::Assignee, &["Responsável"]),
        (Field::Created, &["Criado"]),
        (Field::Updated, &["Atualizado(a)", "Atualizado"]),
        (Field::Rank, &["Classificação"]),
    ],
};

const FRENCH: Language = Language {
    name: "French",
    custom_field: &["Champ personnalisé", "Champs personnalisés"],
    columns: &[
        (Field::Key, &["Clé de ticket", "Clé"]),
        (Field::Summary, &["Résumé"]),
        (Field::AcceptanceCriteria, &["Critères d'acceptation"]),
        (Field::IssueType, &["Type de ticket"]),
        (Field::Status, &["État", "Statut"]),
        (
            Field::StatusCategory,
            &["Catégorie d'état", "Catégorie de statut"],
        ),
        (Field::Priority, &["Priorité"]),
        (Field::Parent, &["Clé parente", "Clé du parent"]),
        (Field::ParentSummary, &["Résumé du parent"]),
        (Field::Labels, &["Étiquettes"]),
        (Field::Assignee, &["Personne assignée", "Responsable"]),
        (Field::Created, &["Création", "Créé"]),
        (Field::Updated, &["Mise à jour", "Mis à jour"]),
    ],
};

const GERMAN: Language = Language {
    name: "German",
    custom_field: &["Benutzerdefiniertes Feld", "Benutzerdefinierte Felder"],
    columns: &[
        (Field::Key, &["Vorgangsschlüssel", "Schlüssel"]),
        (Field::Summary, &["Zusammenfassung"]),
        (Field::Description, &["Beschreibung"]),
        (Field::AcceptanceCriteria, &["Akzeptanzkriterien"]),
        (Field::IssueType, &["Vorgangstyp"]),
        (Field::StatusCategory, &["Statuskategorie"]),
        (Field::Priority, &["Priorität"]),
        (Field::Parent, &["Übergeordneter Schlüssel", "Übergeordnet"]),
        (Field::ParentSummary, &["Übergeordnete Zusammenfassung"]),
        (Field::Labels, &["Stichwörter"]),
        (Field::Assignee, &["Zugewiesene Person", "Bearbeiter"]),
        (Field::Created, &["Erstellt"]),
        (Field::Updated, &["Aktualisiert"]),
    ],
};

const ITALIAN: Language = Language {
    name: "Italian",
    custom_field: &["Campo personalizzato", "Campi personalizzati"],
    columns: &[
        (Field::Key, &["Chiave ticket", "Chiave"]),
        (Field::Summary, &["Riepilogo"]),
        (Field::Description, &["Descrizione"]),
        (Field::AcceptanceCriteria, &["Criteri di accettazione"]),
        (Field::IssueType, &["Tipo ticket", "Tipo di ticket"]),
        (Field::Status, &["Stato"]),
        (Field::StatusCategory, &["Categoria stato"]),
        (Field::Priority, &["Priorità"]),
        (Field::Parent, &["Chiave padre", "Padre"]),
        (Field::ParentSummary, &["Riepilogo padre"]),
        (Field::Labels, &["Etichette"]),
        (Field::Assignee, &["Assegnatario"]),
        (Field::Created, &["Creato"]),
        (Field::Updated, &["Aggiornato"]),
    ],
};

/// `Campo personalizado (Story Points)` as English names it, `Custom field (Story Points)`;
/// `None` for a name without another language's custom-field prefix.
pub fn custom_field_in_english(name: &str) -> Option<String> {
    let name = name.trim();
    LANGUAGES
        .iter()
        .flat_map(|language| language.custom_field.iter())
        .find_map(|prefix| {
            let head = name.get(..prefix.len())?;
            let rest = name[prefix.len()..].strip_prefix(" (")?;
            (head.to_lowercase() == prefix.to_lowercase() && rest.ends_with(')'))
                .then(|| format!("{CUSTOM_FIELD} ({rest}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_field_prefixes_become_english() {
        assert_eq!(
            custom_field_in_english("Campo personalizado (Story Points)").as_deref(),
            Some("Custom field (Story Points)")
        );
        assert_eq!(
            custom_field_in_english(" benutzerdefinierte Felder (Rank) ").as_deref(),
            Some("Custom field (Rank)")
        );
        assert_eq!(custom_field_in_english("Campo personalizado"), None);
        assert_eq!(custom_field_in_english("Custom field (Rank)"), None);
        assert_eq!(custom_field_in_english("Clé (x)"), None);
    }
}
