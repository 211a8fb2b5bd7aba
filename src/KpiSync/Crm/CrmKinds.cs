namespace KpiSync.Crm;

public static class CrmKinds
{
    public const string AmoCrm = "amocrm";
    public const string Bitrix24 = "bitrix24";
}
